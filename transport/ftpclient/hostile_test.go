package ftpclient_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/internal/selfsigned"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// The hostile-server suite: servers (or someone in the middle of a plain
// connection) that send endless replies, speak the wrong protocol, never
// greet, never confirm, answer slowly or hang up mid-reply. Each case must
// end with its own clear error (or succeed, for a server that is only slow)
// within a bounded time and with bounded memory, in passive and active mode.

// allocBudget bounds what one hostile case may allocate in this process
// (client and scripted server together). Without the reply budgets, an
// endless reply allocates gigabytes within a second on loopback.
const allocBudget = 32 << 20

// hostileAct is what a clerk's upload does: dial, store a small file, NOOP,
// quit. It returns the first error.
func hostileAct(ctx context.Context, cfg transport.Config) error {
	s, err := ftpclient.Dial(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Quit()
	stop := ftpclient.AbortOnCancel(ctx, s)
	defer stop()
	if err := s.Store("f.al3", bytes.NewReader(bytes.Repeat([]byte("AL3 data "), 4096)), 0); err != nil {
		return err
	}
	return s.Noop()
}

// writeForever writes prefix, then unit again and again until the client hangs up.
func writeForever(prefix, unit string) func(net.Conn) {
	return func(c net.Conn) {
		_, _ = io.WriteString(c, prefix)
		buf := []byte(strings.Repeat(unit, max(1, 8192/len(unit))))
		for {
			if _, err := c.Write(buf); err != nil {
				return
			}
		}
	}
}

// drip writes prefix, then unit every `every`, until the client hangs up.
func dripForever(prefix, unit string, every time.Duration) func(net.Conn) {
	return func(c net.Conn) {
		_, _ = io.WriteString(c, prefix)
		for {
			time.Sleep(every)
			if _, err := io.WriteString(c, unit); err != nil {
				return
			}
		}
	}
}

// resetAfter writes part of a reply, then resets the connection.
func resetAfter(partial string) func(net.Conn) {
	return func(c net.Conn) {
		_, _ = io.WriteString(c, partial)
		time.Sleep(50 * time.Millisecond)
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = c.Close()
	}
}

// onVerb runs behaviour when the client sends verb.
func onVerb(verb string, behaviour func(net.Conn)) func(string, net.Conn) bool {
	return func(v string, c net.Conn) bool {
		if v != verb {
			return false
		}
		behaviour(c)
		_ = c.Close()
		return true
	}
}

func implicitTLSConfig(t *testing.T) *tls.Config {
	t.Helper()
	cert, err := selfsigned.New("hostile")
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert.TLS}}
}

func errorAs[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

type hostileCase struct {
	name   string
	server ftptest.Scripted
	tls    transport.TLSMode
	cancel time.Duration // cancel the context after this long (a Ctrl-C)
	// want checks the error; within bounds the time to it.
	want   func(error) bool
	within time.Duration
}

func TestHostileServers(t *testing.T) {
	tlsPort := implicitTLSConfig(t)
	short := ftptest.Scaled(time.Second) // the budget under test, where its default is not the point
	long := ftptest.Scaled(30 * time.Second)
	tooLong := errorAs[*ftpclient.ReplyTooLongError]
	cases := []hostileCase{
		{name: "endless greeting line", server: ftptest.Scripted{Greet: writeForever("220 ", "x")},
			want: tooLong, within: short},
		{name: "endless multi-line greeting", server: ftptest.Scripted{Greet: writeForever("", "220-welcome to the endless server\r\n")},
			want: tooLong, within: short},
		{name: "endless FEAT reply", server: ftptest.Scripted{OnCommand: onVerb("FEAT", writeForever("211-Features:\r\n", " SIZE\r\n"))},
			want: tooLong, within: short},
		{name: "endless reply to NOOP after an upload", server: ftptest.Scripted{OnCommand: onVerb("NOOP", writeForever("200 ", "ok "))},
			want: tooLong, within: short},
		// Under TLS the guard counts records, not text: it still bounds an
		// endless reply in both modes (passive: jlaffaye reads the text).
		{name: "endless reply to USER over implicit TLS", server: ftptest.Scripted{TLS: tlsPort, OnCommand: onVerb("USER", writeForever("331-", "331-go on\r\n"))},
			tls: transport.TLSImplicit, want: tooLong, within: short + ftptest.Scaled(2*time.Second)},
		{name: "plain FTP on an implicit-TLS port", server: ftptest.Scripted{TLS: tlsPort},
			want: errorAs[*ftpclient.TLSPortError], within: short + ftptest.Scaled(2*time.Second)},
		{name: "explicit TLS on an implicit-TLS port", server: ftptest.Scripted{TLS: tlsPort}, tls: transport.TLSExplicit,
			want: errorAs[*ftpclient.TLSPortError], within: short + ftptest.Scaled(2*time.Second)},
		{name: "implicit TLS on a plain port", tls: transport.TLSImplicit,
			want: errorAs[*ftpclient.PlainPortError], within: short},
		{name: "greeting never sent", server: ftptest.Scripted{NoBanner: true},
			want: errorAs[*ftpclient.NoGreetingError], within: short + ftptest.Scaled(time.Second)},
		{name: "greeting dripped a byte at a time", server: ftptest.Scripted{Greet: dripForever("2", "2", 100*time.Millisecond)},
			want: errorAs[*ftpclient.NoGreetingError], within: short + ftptest.Scaled(time.Second)},
		{name: "reset in the middle of the greeting", server: ftptest.Scripted{Greet: resetAfter("220-hello\r\n220-and then")},
			want: cutOff(false), within: short},
		{name: "reset in the middle of the FEAT reply", server: ftptest.Scripted{OnCommand: onVerb("FEAT", resetAfter("211-Features:\r\n SIZE\r\n"))},
			want: cutOff(false), within: short},
		{name: "reset in the middle of a reply line", server: ftptest.Scripted{OnCommand: onVerb("PASS", resetAfter("230 logged"))},
			want: cutOff(false), within: short},
		{name: "hung up before greeting", server: ftptest.Scripted{Greet: func(net.Conn) {}},
			want: cutOff(true), within: short},
		{name: "Ctrl-C during a slow endless greeting", server: ftptest.Scripted{Greet: dripForever("220-", "220-still talking\r\n", 50*time.Millisecond)},
			cancel: 300 * time.Millisecond, want: canceled, within: short},
		{name: "Ctrl-C during a slow endless reply to NOOP", server: ftptest.Scripted{OnCommand: onVerb("NOOP", dripForever("200-", "200-still talking\r\n", 50*time.Millisecond))},
			cancel: ftptest.Scaled(time.Second), want: canceled, within: ftptest.Scaled(2 * time.Second)},
	}
	for _, tc := range cases {
		for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
			t.Run(tc.name+"/"+mode.String(), func(t *testing.T) {
				srv := tc.server
				port := ftptest.StartScripted(t, &srv)
				// Long waits everywhere but where the case is about: the
				// failure must come from the budget, not from a timeout.
				cfg := transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Mode: mode, TLS: tc.tls,
					Timeout: long, GreetingTimeout: short, TLSProbeAfter: 200 * time.Millisecond,
					ConfirmCertificate: func(transport.CertInfo) bool { return true }}
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if tc.cancel > 0 {
					time.AfterFunc(tc.cancel, cancel)
				}
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				rssBefore := residentBytes(t)
				start := time.Now()
				done := make(chan error, 1)
				go func() { done <- hostileAct(ctx, cfg) }()
				var err error
				select {
				case err = <-done:
				case <-time.After(tc.within + long):
					t.Fatalf("still running after %v", tc.within+long)
				}
				took := time.Since(start)
				runtime.ReadMemStats(&after)
				allocated := after.TotalAlloc - before.TotalAlloc
				t.Logf("%v, %d KiB allocated: %v; hint: %s", took.Round(time.Millisecond), allocated>>10, err, transport.HintOf(err))
				if !tc.want(err) {
					t.Errorf("error %v (%T, class %v) is not the one expected", err, err, transport.ClassOf(err))
				}
				if took > tc.within {
					t.Errorf("took %v, more than %v", took, tc.within)
				}
				if allocated > allocBudget {
					t.Errorf("allocated %d MiB, more than %d MiB", allocated>>20, allocBudget>>20)
				}
				if grew := residentBytes(t) - rssBefore; rssBefore > 0 && grew > allocBudget {
					t.Errorf("resident memory grew by %d MiB, more than %d MiB", grew>>20, allocBudget>>20)
				}
			})
		}
	}
}

// residentBytes is this process's resident memory (VmRSS), or 0 where the
// system does not say (the allocation budget is checked everywhere).
func residentBytes(t *testing.T) int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("unreadable VmRSS line %q", l)
			}
			return kb << 10
		}
	}
	return 0
}

func retryable(err error) bool {
	return err != nil && transport.ClassOf(err) == transport.ClassRetryable
}

// cutOff: a retryable error that says the server hung up (before its
// greeting, or in the middle of a reply).
func cutOff(beforeGreeting bool) func(error) bool {
	return func(err error) bool {
		var c *ftpclient.CutOffError
		return retryable(err) && errors.As(err, &c) && c.BeforeGreeting == beforeGreeting
	}
}

func canceled(err error) bool { return errors.Is(err, context.Canceled) }

// TestHostileMessagesAreSpecific: the errors of the budgets say what
// happened in words, and their hints say what to do.
func TestHostileMessagesAreSpecific(t *testing.T) {
	for _, c := range []struct {
		err       error
		msg, hint string
	}{
		{&ftpclient.ReplyTooLongError{Limit: 64 << 10}, "the server sent a reply longer than 64 KB: it is not behaving like an FTP server", "not behaving like an FTP server"},
		{&ftpclient.ReplyTooLongError{Limit: 8 << 10, Line: true}, "a reply line longer than 8 KB", "not behaving like an FTP server"},
		{&ftpclient.TLSPortError{}, "this port speaks TLS (implicit FTPS): use ftps://", "ftps://"},
		{&ftpclient.PlainPortError{}, "this port speaks plain FTP", "ftpes://"},
		{&ftpclient.NoGreetingError{}, "did not greet in time", "did not greet"},
		{&ftpclient.CutOffError{BeforeGreeting: true}, "closed the connection before greeting", "hung up before greeting"},
		{&ftpclient.CutOffError{}, "in the middle of its reply", "hung up in the middle"},
	} {
		wrapped := fmt.Errorf("connect: %w", c.err)
		if !strings.Contains(c.err.Error(), c.msg) {
			t.Errorf("%T says %q, want it to contain %q", c.err, c.err, c.msg)
		}
		if h := transport.HintOf(wrapped); !strings.Contains(h, c.hint) {
			t.Errorf("hint for %T is %q, want it to contain %q", c.err, h, c.hint)
		}
	}
}

// TestRepliesDelayedJustUnderTheTimeoutSucceed: the timeout bounds each
// wait, not the session: a server that takes nearly the whole timeout for
// every reply (the greeting, the login, the 226) is slow, not broken.
func TestRepliesDelayedJustUnderTheTimeoutSucceed(t *testing.T) {
	timeout := ftptest.Scaled(400 * time.Millisecond)
	delay := timeout - ftptest.Scaled(150*time.Millisecond)
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		t.Run(mode.String(), func(t *testing.T) {
			t.Parallel()
			srv := ftptest.Scripted{Delay: delay}
			port := ftptest.StartScripted(t, &srv)
			cfg := transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Mode: mode, Timeout: timeout}
			start := time.Now()
			if err := hostileAct(context.Background(), cfg); err != nil {
				t.Fatalf("failed after %v (each reply %v late, timeout %v): %v", time.Since(start), delay, timeout, err)
			}
			if took := time.Since(start); took < 5*delay {
				t.Errorf("took only %v: the delays did not happen", took)
			}
		})
	}
}

// TestFinalReplyNeverSentFailsWithinTheTimeout: after a small upload, a
// server that never sends 226 is given the normal timeout, not four times it.
func TestFinalReplyNeverSentFailsWithinTheTimeout(t *testing.T) {
	timeout := ftptest.Scaled(300 * time.Millisecond)
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		t.Run(mode.String(), func(t *testing.T) {
			srv := ftptest.Scripted{Stor: readAllThenHang}
			port := ftptest.StartScripted(t, &srv)
			cfg := transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Mode: mode, Timeout: timeout}
			s, err := ftpclient.Dial(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Quit()
			start := time.Now()
			err = s.Store("f.al3", strings.NewReader("small file"), 0)
			took := time.Since(start)
			if !errors.Is(err, os.ErrDeadlineExceeded) || transport.ClassOf(err) != transport.ClassRetryable {
				t.Errorf("error %v, want a retryable timeout", err)
			}
			if took > 3*timeout {
				t.Errorf("took %v: more than 3 × the timeout %v for a 10-byte file", took, timeout)
			}
		})
	}
}

// endless is an upload that never ends by itself.
type endless struct{}

func (endless) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestCancelStopsATransferTheServerNoLongerReads: Ctrl-C during an upload
// to a server that stopped reading (every buffer full, our write blocked)
// stops it at once, not after the timeout.
func TestCancelStopsATransferTheServerNoLongerReads(t *testing.T) {
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		t.Run(mode.String(), func(t *testing.T) {
			srv := ftptest.Scripted{Stor: stall}
			port := ftptest.StartScripted(t, &srv)
			cfg := transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Mode: mode, Timeout: ftptest.Scaled(30 * time.Second)}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s, err := ftpclient.Dial(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Quit()
			stop := ftpclient.AbortOnCancel(ctx, s)
			defer stop()
			time.AfterFunc(500*time.Millisecond, cancel)
			start := time.Now()
			err = s.Store("big.al3", endless{}, 0)
			took := time.Since(start)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want it to say the upload was canceled", err)
			}
			if limit := 500*time.Millisecond + ftptest.Scaled(time.Second); took > limit {
				t.Errorf("took %v after the cancel at 500 ms, more than %v", took, limit)
			}
		})
	}
}
