package ui

import (
	"context"
	"strings"
	"testing"

	"exchange/diagnose"
	"exchange/internal/sshtest"
	"exchange/profile"
)

// TestTestConnectionTrustsAnSFTPHostKey: Test connection of a new SFTP
// server stops at its host key, says "If it matches, trust it", and offers
// the button that does it, as it does for an FTPS certificate; the key is
// then pinned and the next test gets past it. Seen as a clerk against a real
// sshd: the verdict asked to trust the key and offered only "Copy report".
func TestTestConnectionTrustsAnSFTPHostKey(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	h := newHarness(t, withKeychain())
	p := profile.Profile{Name: "Carrier SFTP", Protocol: profile.ProtocolSFTP, Host: srv.Host, Port: srv.Port, User: srv.User}
	h.savePassword(p, srv.Password)
	h.win.deps.Diagnose = func(ctx context.Context, p profile.Profile, pw string, progress func(diagnose.Step)) diagnose.Result {
		return diagnose.Run(ctx, p, pw, diagnose.Options{Progress: progress})
	}
	s := h.settings()
	onUIWait(func() { s.reload() })
	s.pick(t, p.Name)
	h.tapButton(s.content, "Test connection")
	d := h.waitDialog("If it matches, trust it") // the verdict, after the steps
	h.tapButton(d, "Trust this host key")
	got, err := h.store.Get(p.Name)
	if err != nil || got.PinnedSHA256 != srv.HostKey.Fingerprint {
		t.Fatalf("after Trust the profile pins %q (%v), want the server's key %q", got.PinnedSHA256, err, srv.HostKey.Fingerprint)
	}
	h.waitDialog("Trusted")
	h.tapButton(d, "Close")
	if res := diagnose.Run(context.Background(), got, srv.Password, diagnose.Options{}); strings.Contains(res.Verdict, "not trusted") {
		t.Errorf("the profile as saved is still refused: %s", res.Verdict)
	}
}
