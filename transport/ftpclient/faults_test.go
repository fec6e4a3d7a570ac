package ftpclient_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestFaults: each fault ends in a classified error (or success where the
// server is only slow or says 250) within the configured timeout, and the
// control connection is left usable or closed, never stuck.
func TestFaults(t *testing.T) {
	timeout := ftptest.Scaled(400 * time.Millisecond)
	payload := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	cases := []struct {
		name   string
		server ftptest.Scripted
		modes  []transport.Mode
		// want: "ok" for success, else the class of the error
		want transport.Class
		ok   bool
	}{
		{name: "250 instead of 226", server: ftptest.Scripted{Stor: readAllThen("250 stored")}, ok: true},
		{name: "452 at STOR", server: ftptest.Scripted{Preliminary: "452 insufficient storage"}, want: transport.ClassRetryable},
		{name: "552 at STOR", server: ftptest.Scripted{Preliminary: "552 quota exceeded"}, want: transport.ClassPermanent},
		{name: "552 after the data", server: ftptest.Scripted{Stor: readAllThen("552 quota exceeded")}, want: transport.ClassPermanent},
		{name: "452 after the data", server: ftptest.Scripted{Stor: readAllThen("452 disk full")}, want: transport.ClassRetryable},
		{name: "226 never sent", server: ftptest.Scripted{Stor: readAllThenHang}, want: transport.ClassRetryable},
		{name: "data connection cut at a random offset", server: ftptest.Scripted{Stor: cutAfter(1 + rand.Int64N(int64(len(payload))-1))}, want: transport.ClassRetryable},
		// The server takes 0.8 × the timeout to read what the network buffered.
		{name: "slow drip keeps moving", server: ftptest.Scripted{Stor: drip(4096, timeout/20)}, ok: true},
		{name: "stalled transfer", server: ftptest.Scripted{Stor: stall}, want: transport.ClassRetryable},
		{name: "PASV names another address", server: ftptest.Scripted{NoEPSV: true, PASVAddress: "127.0.0.99", Stor: readAllThen("226 ok")},
			modes: []transport.Mode{transport.Passive}, ok: true},
	}
	for _, tc := range cases {
		modes := tc.modes
		if modes == nil {
			modes = []transport.Mode{transport.Passive, transport.Active}
		}
		for _, mode := range modes {
			t.Run(tc.name+"/"+mode.String(), func(t *testing.T) {
				srv := tc.server
				port := ftptest.StartScripted(t, &srv)
				cfg := transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Mode: mode, Timeout: timeout}
				s, err := ftpclient.Dial(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Quit()
				start := time.Now()
				err = s.Store("f.al3", bytes.NewReader(payload), 0)
				took := time.Since(start)
				switch {
				case tc.ok && err != nil:
					t.Fatalf("failed after %v: %v", took, err)
				case !tc.ok && err == nil:
					t.Fatal("succeeded")
				case !tc.ok && transport.ClassOf(err) != tc.want:
					t.Errorf("class %v, want %v: %v", transport.ClassOf(err), tc.want, err)
				}
				// A failure comes within the command timeout plus the end-of-transfer
				// wait (FinishTimeout: the timeout and a little for 64 KiB).
				if limit := 3 * timeout; !tc.ok && took > limit {
					t.Errorf("took %v, more than %v", took, limit)
				}
				// The control connection: usable, or closed, never stuck.
				done := make(chan error, 1)
				go func() { done <- s.Noop() }()
				select {
				case err := <-done:
					t.Logf("%v in %v: %v; NOOP after it: %v", mode, took.Round(time.Millisecond), err, err)
				case <-time.After(timeout):
					t.Fatal("NOOP after the fault waits: the control connection is stuck (a timed-out session must close itself)")
				}
			})
		}
	}
}

// TestBannerNeverSent: a server that accepts and says nothing fails the
// dial within the timeout, as a permanent error (retrying a silent port
// only multiplied the wait: 206 s before it gave up).
func TestBannerNeverSent(t *testing.T) {
	srv := ftptest.Scripted{NoBanner: true}
	port := ftptest.StartScripted(t, &srv)
	timeout := ftptest.Scaled(500 * time.Millisecond)
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		start := time.Now()
		_, err := ftpclient.Dial(context.Background(), transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p",
			Mode: mode, Timeout: timeout})
		var silent *ftpclient.NoGreetingError
		if !errors.As(err, &silent) || transport.ClassOf(err) != transport.ClassPermanent || time.Since(start) > 4*timeout {
			t.Errorf("%v: %v after %v, want a permanent no-greeting error within the timeout", mode, err, time.Since(start))
		}
	}
}
