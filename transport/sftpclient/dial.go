package sftpclient

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"

	"exchange/transport"
)

// Write tuning. pkg/sftp keeps up to maxInFlight write requests of one file
// on the wire. OpenSSH's sftp-server takes messages of up to 256 KiB (its
// limits@openssh.com reply: 261120 bytes of write data); any server must take
// 32 KiB.
const (
	maxInFlight    = 64
	openSSHPacket  = 255 << 10
	portablePacket = 32 << 10
	openSSHBanner  = "SSH-2.0-OpenSSH"
)

func init() {
	transport.Register("sftp", Dial)
	transport.SetKeyPassphraseCheck(KeyNeedsPassphrase)
}

// Dial is the transport's Dialer for "sftp": it connects as Connect does
// with the fields of cfg that SFTP uses (see FromTransport), its log
// redacted, and returns the session inside transport.Decorate (paths
// checked before anything is sent, closed after a timeout).
func Dial(ctx context.Context, cfg transport.Config) (transport.Session, error) {
	s, err := Connect(ctx, FromTransport(transport.DecorateConfig(cfg)))
	if err != nil {
		return nil, err
	}
	return transport.Decorate(s), nil
}

// Connect connects, checks the host key, logs in and starts the SFTP
// subsystem, and returns the bare session (its host key and server version
// for diagnose; no path checks: see Dial). Canceling ctx stops it at once;
// once Connect has returned the session no longer depends on ctx.
func Connect(ctx context.Context, cfg Config) (*Session, error) {
	if cfg.Host == "" {
		return nil, &transport.Error{Op: "connect", Kind: transport.ClassPermanent, Local: true, Err: errors.New("no server host given")}
	}
	for what, v := range map[string]string{"user name": cfg.User, "password": cfg.Password} {
		if strings.ContainsAny(v, "\r\n\x00") {
			return nil, &transport.Error{Op: "connect", Kind: transport.ClassPermanent, Local: true,
				Err: fmt.Errorf("the %s contains a line break or NUL character", what)}
		}
	}
	methods, closeAgent, err := authMethods(&cfg)
	if err != nil {
		closeAgent()
		return nil, dialError(err)
	}
	defer closeAgent()

	timeout := cfg.timeout()
	raw, err := dialTCP(ctx, &cfg, timeout)
	if err != nil {
		return nil, err
	}
	conn := newWatchedConn(raw, timeout)
	stop := context.AfterFunc(ctx, func() { conn.cut(context.Cause(ctx)) })
	defer stop()
	_ = raw.SetDeadline(time.Now().Add(timeout)) // the handshake and login as a whole

	var accepted string
	sshCfg := &ssh.ClientConfig{
		User:            cfg.User,
		Auth:            methods,
		HostKeyCallback: hostKeyCheck(&cfg, &accepted),
		Timeout:         timeout,
	}
	c, chans, reqs, err := ssh.NewClientConn(conn, cfg.Address(), sshCfg)
	if err != nil {
		conn.Close()
		if ctx.Err() != nil {
			return nil, &transport.Error{Op: "connect", Kind: transport.ClassRetryable, Err: context.Cause(ctx)}
		}
		return nil, dialError(err)
	}
	client := ssh.NewClient(c, chans, reqs)
	cfg.logf(fmt.Sprintf("logged in to %s (%s), host key %s", cfg.Address(), c.ServerVersion(), accepted))

	packet := portablePacket
	if strings.HasPrefix(string(c.ServerVersion()), openSSHBanner) {
		packet = openSSHPacket
	}
	if cfg.MaxPacket > 0 {
		packet = cfg.MaxPacket
	}
	sc, err := sftp.NewClient(client,
		sftp.UseConcurrentWrites(true),
		sftp.MaxConcurrentRequestsPerFile(maxInFlight),
		sftp.MaxPacketUnchecked(packet))
	if err != nil {
		client.Close()
		return nil, wrap("start SFTP", err, false)
	}
	s := &Session{cfg: cfg, conn: conn, ssh: client, sftp: sc, hostKey: accepted, serverVersion: string(c.ServerVersion())}
	go func() {
		_ = client.Wait()
		s.dead.Store(true)
	}()
	wd, err := sc.Getwd()
	if err != nil {
		s.close()
		return nil, wrap("find the login folder", err, s.dead.Load())
	}
	s.loginDir = wd
	_ = raw.SetDeadline(time.Time{})
	return s, nil
}
