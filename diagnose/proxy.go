package diagnose

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"

	"exchange/transport"
	"exchange/transport/proxy"
)

const stepProxy = "Proxy"

// proxyStep checks, when the profile goes through a proxy, that the proxy
// itself answers. It returns false (with the verdict) when it does not; the
// steps after it then go through the proxy.
// carries says what goes through it; later are the steps skipped when it
// does not answer.
func (r *run) proxyStep(p transport.ProxyDialer, carries string, later ...string) bool {
	if p == nil {
		return true
	}
	name := fmt.Sprint(p)
	addr := ""
	if u, ok := p.(interface{ URL() *url.URL }); ok && u.URL() != nil {
		addr = u.URL().Host
	}
	status := r.step(stepProxy, func() (Status, string) {
		if addr == "" {
			return OK, "through " + name
		}
		ctx, cancel := context.WithTimeout(r.ctx, r.opts.Timeout)
		defer cancel()
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return Failed, name + " does not answer: " + err.Error()
		}
		_ = c.Close()
		return OK, name + " answers: " + carries + " go through it"
	})
	if status != OK {
		r.res.Verdict = fmt.Sprintf("The proxy %s does not answer.", name)
		r.res.Advice = "Check the proxy address (the profile's proxy setting, --proxy, or the system's proxy settings), or ask the network administrator whether the proxy is running."
		r.skip(later...)
		return false
	}
	return true
}

// dialServer opens the control connection for the greeting and TLS steps,
// through the proxy when there is one.
func (r *run) dialServer(cfg transport.Config) (net.Conn, error) {
	return r.dialThrough(cfg.Proxy, cfg.Address())
}

// dialThrough connects to addr, through the proxy p when it is not nil.
func (r *run) dialThrough(p transport.ProxyDialer, addr string) (net.Conn, error) {
	if p != nil {
		ctx, cancel := context.WithTimeout(r.ctx, r.opts.Timeout)
		defer cancel()
		return p.DialContext(ctx, "tcp", addr)
	}
	d := net.Dialer{Timeout: r.opts.Timeout}
	return d.DialContext(r.ctx, "tcp", addr)
}

// proxyVerdict explains a connection the proxy could not make.
func (r *run) proxyVerdict(err error) bool {
	var pe *proxy.Error
	if !errors.As(err, &pe) {
		return false
	}
	r.res.Verdict = "The connection through the proxy failed: " + pe.Error() + "."
	r.res.Advice = pe.Hint()
	return true
}

// activeThroughProxy is the active step's detail when a proxy is in the way.
const activeThroughProxy = "not tried: active mode cannot go through a proxy (the server would have to connect back to this computer)"

// resolvedByProxy is the resolve step's detail when only the proxy can
// resolve the server's name.
func resolvedByProxy(p transport.ProxyDialer) string {
	return fmt.Sprintf("not found from this computer; left to the proxy %v", p)
}
