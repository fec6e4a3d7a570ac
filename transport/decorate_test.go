package transport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"exchange/transport"
)

// recorder is a Session that records what reached it, and fails with
// failWith while it is set.
type recorder struct {
	calls    []string
	failWith error
	aborted  error
	quits    int
	features map[string]string
}

func (r *recorder) do(call string) error {
	r.calls = append(r.calls, call)
	return r.failWith
}
func (r *recorder) Features() map[string]string  { return r.features }
func (r *recorder) MakeDirAll(dir string) error  { return r.do("MKD " + dir) }
func (r *recorder) Size(p string) (int64, error) { return 0, r.do("SIZE " + p) }
func (r *recorder) Store(p string, _ io.Reader, offset int64) error {
	return r.do(fmt.Sprintf("STOR %s @%d", p, offset))
}
func (r *recorder) Append(p string, _ io.Reader) error { return r.do("APPE " + p) }
func (r *recorder) Rename(from, to string) error       { return r.do("RNFR " + from + " RNTO " + to) }
func (r *recorder) Delete(p string) error              { return r.do("DELE " + p) }
func (r *recorder) Hash(p string) (string, string, error) {
	return "", "", r.do("HASH " + p)
}
func (r *recorder) Noop() error       { return r.do("NOOP") }
func (r *recorder) LoginDir() string  { return "/" }
func (r *recorder) Quit() error       { r.quits++; return nil }
func (r *recorder) Abort(cause error) { r.aborted = cause }

// TestDecoratedSessionRefusesBadPathsBeforeAnyCommand: a name with CR, LF or
// NUL, an empty path or a negative offset never reaches the protocol, for
// every method that takes a path; the error says nothing was sent.
func TestDecoratedSessionRefusesBadPathsBeforeAnyCommand(t *testing.T) {
	inner := &recorder{}
	s := transport.Decorate(inner)
	for _, bad := range []string{"", "a\r\nDELE b", "a\nb", "a\x00b"} {
		for name, call := range map[string]func() error{
			"MakeDirAll": func() error { return s.MakeDirAll(bad) },
			"Size":       func() error { _, err := s.Size(bad); return err },
			"Store":      func() error { return s.Store(bad, strings.NewReader("x"), 0) },
			"Append":     func() error { return s.Append(bad, strings.NewReader("x")) },
			"Rename to":  func() error { return s.Rename("ok", bad) },
			"Rename":     func() error { return s.Rename(bad, "ok") },
			"Delete":     func() error { return s.Delete(bad) },
			"Hash":       func() error { _, _, err := s.Hash(bad); return err },
		} {
			err := call()
			var te *transport.Error
			if !errors.As(err, &te) || !te.Local || te.Class() != transport.ClassPermanent {
				t.Errorf("%s(%q) = %v, want a local permanent refusal", name, bad, err)
			}
		}
	}
	if err := s.Store("ok", strings.NewReader("x"), -1); err == nil {
		t.Error("a negative offset was accepted")
	}
	if len(inner.calls) != 0 {
		t.Errorf("commands reached the session: %q", inner.calls)
	}
	if transport.Decorate(s) != s {
		t.Error("decorating twice wraps twice")
	}
	if transport.Unwrap(s) != transport.Session(inner) {
		t.Error("Unwrap does not return the protocol's session")
	}
}

// TestDecoratedSessionClosesAfterATimeout: a wait that timed out aborts the
// protocol's session (its late reply would answer the next command), and
// every later call fails at once with a retryable error, sending nothing.
func TestDecoratedSessionClosesAfterATimeout(t *testing.T) {
	inner := &recorder{failWith: fmt.Errorf("read: %w", os.ErrDeadlineExceeded)}
	s := transport.Decorate(inner)
	if _, err := s.Size("a"); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("Size = %v, want the timeout", err)
	}
	if inner.aborted == nil {
		t.Fatal("the session was not closed after the timeout")
	}
	inner.failWith = nil
	for _, err := range []error{s.Noop(), s.Delete("a"), s.Store("a", strings.NewReader("x"), 0)} {
		if err == nil || transport.ClassOf(err) != transport.ClassRetryable {
			t.Errorf("a call after the timeout = %v, want a retryable failure", err)
		}
	}
	if len(inner.calls) != 1 {
		t.Errorf("calls after the timeout reached the session: %q", inner.calls)
	}
	if err := s.Quit(); err != nil || inner.quits != 1 {
		t.Errorf("Quit = %v (%d quits)", err, inner.quits)
	}
}

// abortable is a Session that says when it was aborted.
type abortable struct {
	recorder
	aborted chan error
}

func (a *abortable) Abort(cause error) { a.aborted <- cause }

// TestAbortReachesTheProtocolSession: AbortOnCancel stops the session under
// the decorators, with the cause of the cancel.
func TestAbortReachesTheProtocolSession(t *testing.T) {
	inner := &abortable{aborted: make(chan error, 1)}
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := transport.AbortOnCancel(ctx, transport.Decorate(inner))
	defer stop()
	cause := errors.New("canceled by the clerk")
	cancel(cause)
	if got := <-inner.aborted; got != cause {
		t.Errorf("aborted with %v, want %v", got, cause)
	}
}

// TestDialUsesTheRegisteredProtocol: Dial picks the Dialer by protocol
// ("" is ftp) and says in words when a protocol is not built in.
func TestDialUsesTheRegisteredProtocol(t *testing.T) {
	var got transport.Config
	transport.Register("test-proto", func(_ context.Context, cfg transport.Config) (transport.Session, error) {
		got = cfg
		return transport.Decorate(&recorder{}), nil
	})
	if _, err := transport.Dial(context.Background(), transport.Config{Protocol: "TEST-PROTO", Host: "h"}); err != nil || got.Host != "h" {
		t.Fatalf("Dial = %v, dialer saw %+v", err, got)
	}
	_, err := transport.Dial(context.Background(), transport.Config{Protocol: "gopher"})
	if err == nil || !strings.Contains(err.Error(), `protocol "gopher" is not built into this program`) || transport.ClassOf(err) != transport.ClassPermanent {
		t.Errorf("Dial of an unknown protocol = %v", err)
	}
}

// TestRedactedLog: whatever a protocol writes into the log, a password does not reach it.
func TestRedactedLog(t *testing.T) {
	var lines []string
	cfg := transport.DecorateConfig(transport.Config{Log: func(l string) { lines = append(lines, l) }})
	cfg.Log("PASS s3cret")
	cfg.Log("  acct s3cret")
	cfg.Log("PASSIVE is not a password")
	if strings.Contains(strings.Join(lines, "\n"), "s3cret") || lines[2] != "PASSIVE is not a password" {
		t.Errorf("log lines %q", lines)
	}
	if transport.DecorateConfig(transport.Config{}).Log != nil {
		t.Error("a nil log became a func")
	}
}

// TestFeaturesAreACopy: a caller that changes the features it got does not
// change what the session knows of its server.
func TestFeaturesAreACopy(t *testing.T) {
	inner := &recorder{features: map[string]string{"SIZE": ""}}
	s := transport.Decorate(inner)
	s.Features()["HASH"] = "SHA-256"
	if _, changed := inner.features["HASH"]; changed || len(s.Features()) != 1 {
		t.Errorf("features after a caller's change: %v", inner.features)
	}
}
