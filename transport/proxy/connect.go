package proxy

import (
	"bufio"
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// dialConnect opens a tunnel to target through an HTTP proxy (the CONNECT
// method, RFC 9110 §9.3.6), with Basic authentication when the proxy URL has
// a user. golang.org/x/net/proxy speaks only SOCKS5; the CONNECT exchange is
// one request and one reply.
func dialConnect(ctx context.Context, forward *watchedDialer, proxyURL *url.URL, target string) (net.Conn, error) {
	if strings.ContainsAny(target, "\r\n\x00 ") {
		return nil, fmt.Errorf("the server address %q has characters that cannot go to a proxy", target)
	}
	c, err := forward.DialContext(ctx, "tcp", proxyURL.Host)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	// Canceling ctx stops the wait for the proxy's reply at once.
	stop := context.AfterFunc(ctx, func() { _ = c.SetDeadline(time.Unix(1, 0)) })
	conn, err := connectHandshake(c, proxyURL, target)
	if !stop() || err != nil {
		_ = c.Close()
		if err == nil || ctx.Err() != nil {
			return nil, fmt.Errorf("waiting for the proxy: %w", context.Cause(ctx))
		}
		return nil, err
	}
	_ = c.SetDeadline(time.Time{})
	return conn, nil
}

func connectHandshake(c net.Conn, proxyURL *url.URL, target string) (net.Conn, error) {
	var req strings.Builder
	fmt.Fprintf(&req, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n", target, target)
	if u := proxyURL.User; u != nil {
		pass, _ := u.Password()
		cred := base64.StdEncoding.EncodeToString([]byte(u.Username() + ":" + pass))
		fmt.Fprintf(&req, "Proxy-Authorization: Basic %s\r\n", cred)
	}
	req.WriteString("\r\n")
	if _, err := c.Write([]byte(req.String())); err != nil {
		return nil, fmt.Errorf("sending CONNECT: %w", err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		return nil, fmt.Errorf("reading the proxy's answer to CONNECT: %w", err)
	}
	_ = resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusProxyAuthRequired:
		return nil, fmt.Errorf("it answered %q: the proxy user name or password is missing or wrong", resp.Status)
	case resp.StatusCode/100 != 2:
		return nil, fmt.Errorf("it answered %q", resp.Status)
	}
	if br.Buffered() == 0 {
		return c, nil
	}
	// The server may speak first (an FTP greeting) and its bytes may have
	// come in one packet with the proxy's answer.
	return &readAheadConn{Conn: c, r: br}, nil
}

// readAheadConn reads what the CONNECT reply's reader already buffered first.
type readAheadConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *readAheadConn) Read(p []byte) (int, error) { return c.r.Read(p) }
