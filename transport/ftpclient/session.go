package ftpclient

import (
	"context"
	"fmt"

	"exchange/transport"
)

func init() { transport.Register("ftp", Dial) }

// Dial connects, secures and logs in according to cfg.Mode, and returns the
// session with the transport's decorators around it (paths checked before
// any command, closed after a timeout, the log redacted). Canceling ctx
// stops it at once, whatever it is waiting for (the connection is closed).
// Once Dial has returned, the session no longer depends on ctx: wrap each
// use in AbortOnCancel to stop it the same way.
func Dial(ctx context.Context, cfg transport.Config) (transport.Session, error) {
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
	var s transport.Session
	var err error
	if cfg.Mode == transport.Active {
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
func ModeOf(s transport.Session) (transport.Mode, bool) {
	switch transport.Unwrap(s).(type) {
	case *activeSession:
		return transport.Active, true
	case *passiveSession:
		return transport.Passive, true
	}
	return transport.Passive, false
}
