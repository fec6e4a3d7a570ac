package sftpclient

import (
	"context"
	"net"
	"time"

	"exchange/transport"
)

// dialTCP opens the connection the SSH session runs on: directly, or
// through the office proxy when there is one (the proxy asks for the
// server's host as the profile names it, and resolves it itself). A
// refusal by the proxy carries its own hint for the clerk (see
// transport/proxy.Error), which transport.HintOf finds: it is not wrapped
// in the hint about the server's host and port.
func dialTCP(ctx context.Context, cfg *Config, timeout time.Duration) (net.Conn, error) {
	if cfg.Proxy != nil {
		cfg.logf("connecting to " + cfg.Address() + " through proxy " + proxyName(cfg.Proxy))
		c, err := cfg.Proxy.DialContext(ctx, "tcp", cfg.Address())
		if err != nil {
			return nil, &transport.Error{Op: "connect through the proxy", Kind: transport.ClassOf(err), Err: err}
		}
		return c, nil
	}
	d := net.Dialer{Timeout: timeout, KeepAlive: 15 * time.Second}
	c, err := d.DialContext(ctx, "tcp", cfg.Address())
	if err != nil {
		return nil, dialError(err)
	}
	return c, nil
}

// proxyName is how the proxy prints itself (without its password: see
// transport.ProxyDialer).
func proxyName(p any) string {
	if s, ok := p.(interface{ String() string }); ok {
		return s.String()
	}
	return "(unnamed)"
}
