package ftpclient

import (
	"context"
	"errors"
	"fmt"
	"net"

	"exchange/transport"
)

// errActiveThroughProxy is why active mode and a proxy do not mix.
var errActiveThroughProxy = errors.New("active mode cannot go through a proxy: in active mode the server connects back to this computer, and a proxy only carries connections that this computer opens; use passive mode, or connect without the proxy")

// checkProxy refuses what a proxy cannot carry, before anything is sent.
func checkProxy(c *transport.Config) error {
	if c.Proxy != nil && c.Mode == transport.Active {
		return localError("connect", fmt.Errorf("%w (proxy %v)", errActiveThroughProxy, c.Proxy))
	}
	return nil
}

// dialTCP connects to address with d, or through the proxy when there is one
// (which then keeps its own connect timeout).
func dialTCP(ctx context.Context, c *transport.Config, d *net.Dialer, address string) (net.Conn, error) {
	if c.Proxy == nil {
		return d.DialContext(ctx, "tcp", address)
	}
	return c.Proxy.DialContext(ctx, "tcp", address)
}

// dataAddress is where a passive data connection goes. jlaffaye/ftp takes
// the server's IP from the control connection's remote address, which
// through a proxy is the proxy's: the data connection goes to the server's
// host (as the profile names it, for the proxy to resolve) at the port the
// server gave.
func dataAddress(c *transport.Config, address string) string {
	if c.Proxy == nil {
		return address
	}
	_, port, err := net.SplitHostPort(address)
	if err != nil {
		return address
	}
	return net.JoinHostPort(c.Host, port)
}
