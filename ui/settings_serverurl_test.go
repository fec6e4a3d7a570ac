package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"exchange/profile"
)

// TestSettingsSplitsAPastedServerURLIntoItsFields: a clerk pastes
// ftpes://clerk:pw@host:2121/incoming/ into the Server field; the form
// splits it into protocol, server, port, user, folder and password, says
// so, and Save keeps the password in the keychain, never in a file.
func TestSettingsSplitsAPastedServerURLIntoItsFields(t *testing.T) {
	h := newHarness(t, withKeychain())
	s := h.settings()
	h.tapButton(s.content, "New server")
	p := agencyProfile("Pasted")
	p.Host, p.User, p.RemoteDir = "", "", ""
	s.fill(p, "")
	onUIWait(func() { s.host.SetText("ftpes://clerk:S3cretPw@ftp.agency.example:2121/incoming/") })
	onUIWait(func() {
		got := map[string]string{"server": s.host.Text, "port": s.port.Text, "user": s.user.Text, "folder": s.dir.Text,
			"password": s.password.Text, "protocol": s.proto.protocol.Selected, "tls": s.tls.value()}
		want := map[string]string{"server": "ftp.agency.example", "port": "2121", "user": "clerk", "folder": "incoming",
			"password": "S3cretPw", "protocol": protoFTPSExplict, "tls": "explicit"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("after the paste, %s is %q, want %q", k, got[k], v)
			}
		}
		if !strings.Contains(s.note.Text, "split") || strings.Contains(s.note.Text, "S3cretPw") {
			t.Errorf("the note %q does not say the address was split, or shows the password", s.note.Text)
		}
		test.Tap(s.save)
	})
	h.waitFor("the profile saved", func() bool { _, err := h.store.Get(p.Name); return err == nil })
	saved, _ := h.store.Get(p.Name)
	if saved.Host != "ftp.agency.example" || saved.Port != 2121 || saved.User != "clerk" || saved.RemoteDir != "incoming" || saved.TLS != profile.TLSExplicit {
		t.Errorf("saved %+v", saved)
	}
	if pw, err := h.store.Password(saved); err != nil || pw != "S3cretPw" {
		t.Errorf("the keychain holds %q (%v), want the URL's password", pw, err)
	}
	assertNoFileHas(t, h.state, "S3cretPw")

	// An sftp:// address typed by hand (not pasted) is split at Save.
	h.tapButton(s.content, "New server")
	q := agencyProfile("Typed")
	q.Host, q.User, q.RemoteDir = "sftp://clerk@sftp.agency.example/%2Fdata/in", "", ""
	s.fill(q, "pw")
	onUIWait(func() { test.Tap(s.save) })
	h.waitFor("the SFTP profile saved", func() bool { _, err := h.store.Get(q.Name); return err == nil })
	if saved, _ := h.store.Get(q.Name); !saved.IsSFTP() || saved.Host != "sftp.agency.example" || saved.User != "clerk" || saved.RemoteDir != "/data/in" {
		t.Errorf("saved %+v", saved)
	}
}
