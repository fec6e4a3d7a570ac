package ftpclient

import (
	"context"
	"fmt"

	"exchange/transport"
)

// The connection settings and the session are the transport's; these names
// stay so that FTP code reads as FTP code.
type (
	Mode    = transport.Mode
	TLSMode = transport.TLSMode
	Config  = transport.Config
	Session = transport.Session
)

const (
	Passive     = transport.Passive
	Active      = transport.Active
	TLSNone     = transport.TLSNone
	TLSExplicit = transport.TLSExplicit
	TLSImplicit = transport.TLSImplicit
)

func init() { transport.Register("ftp", Dial) }

// Dial connects, secures and logs in according to cfg.Mode, and returns the
// session with the transport's decorators around it (paths checked before
// any command, closed after a timeout, the log redacted). Canceling ctx
// stops it at once, whatever it is waiting for (the connection is closed).
// Once Dial has returned, the session no longer depends on ctx: wrap each
// use in AbortOnCancel to stop it the same way.
func Dial(ctx context.Context, cfg Config) (Session, error) {
	if cfg.Host == "" {
		return nil, localError("connect", fmt.Errorf("no server host given"))
	}
	if err := transport.CheckArgument("user name", cfg.User); err != nil {
		return nil, err
	}
	if err := transport.CheckArgument("password", cfg.Password); err != nil {
		return nil, err
	}
	if err := checkProxy(&cfg); err != nil {
		return nil, err
	}
	cfg = transport.DecorateConfig(cfg)
	var s Session
	var err error
	if cfg.Mode == Active {
		s, err = dialActive(ctx, cfg)
	} else {
		s, err = dialPassive(ctx, cfg)
	}
	if err != nil {
		return nil, err
	}
	return transport.Decorate(s), nil
}

// ModeOf is the data-connection mode of a session this package made.
func ModeOf(s Session) (Mode, bool) {
	switch transport.Unwrap(s).(type) {
	case *activeSession:
		return Active, true
	case *passiveSession:
		return Passive, true
	}
	return Passive, false
}
