package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"exchange/diagnose"
	"exchange/profile"
)

// Choosing SFTP disables Passive/Active (saying why), enables the key file,
// and saves an SFTP profile without TLS; opened again, it shows SFTP.
func TestSettingsProtocolSelectorSFTP(t *testing.T) {
	h := newHarness(t, withKeychain())
	s := h.settings()
	h.tapButton(s.content, "New server")
	want := profile.Profile{Name: "Carrier SFTP", Host: "sftp.carrier.example", User: "agency", RemoteDir: "inbox",
		Mode: "passive", TLS: "explicit", Connections: 2}
	s.fill(want, "pw")
	onUIWait(func() {
		if !s.proto.keyFile.Disabled() || s.mode.Disabled() {
			t.Errorf("FTPS: key file enabled %v, mode disabled %v", !s.proto.keyFile.Disabled(), s.mode.Disabled())
		}
		s.proto.protocol.SetSelected(protoSFTP)
		if !s.mode.Disabled() || !strings.Contains(s.proto.modeItem.HintText, "no passive or active") || !strings.Contains(s.port.PlaceHolder, "(22)") {
			t.Errorf("SFTP: mode disabled %v, hint %q, port placeholder %q", s.mode.Disabled(), s.proto.modeItem.HintText, s.port.PlaceHolder)
		}
		test.Type(s.proto.keyFile, "/home/agency/.ssh/id_ed25519")
		test.Tap(s.save)
	})
	got, err := h.store.Get(want.Name)
	if err != nil {
		t.Fatalf("not saved: %v", err)
	}
	if !got.IsSFTP() || got.TLS != "none" || got.KeyFile != "/home/agency/.ssh/id_ed25519" {
		t.Errorf("saved %+v", got)
	}
	again := h.settings()
	again.pick(t, want.Name)
	onUIWait(func() {
		if again.proto.protocol.Selected != protoSFTP || !again.mode.Disabled() || again.proto.keyFile.Text != got.KeyFile {
			t.Errorf("opened again: protocol %q, mode disabled %v, key %q", again.proto.protocol.Selected, again.mode.Disabled(), again.proto.keyFile.Text)
		}
		again.proto.protocol.SetSelected(protoFTPSImplict)
		if again.mode.Disabled() || again.tls.value() != "implicit" || !strings.Contains(again.port.PlaceHolder, "(990)") {
			t.Errorf("back to FTPS: mode disabled %v, tls %q", again.mode.Disabled(), again.tls.value())
		}
	})
}

// When the diagnosis finds SSH beside an FTP server whose data connections
// fail, Test connection offers SFTP, and taking it chooses SFTP in the form.
func TestSettingsTestConnectionOffersSFTP(t *testing.T) {
	h := newHarness(t, withKeychain())
	h.win.deps.Diagnose = func(context.Context, profile.Profile, string, func(diagnose.Step)) diagnose.Result {
		return diagnose.Result{Verdict: "The login works, but no data connection can be opened in either mode.", SSHOffered: true}
	}
	s := h.settings()
	h.tapButton(s.content, "Test connection")
	d := h.waitDialog("no data connection can be opened")
	h.tapButton(d, "Use SFTP instead")
	var protocol, note string
	onUIWait(func() { protocol, note = s.proto.protocol.Selected, s.note.Text })
	if protocol != protoSFTP || !strings.Contains(note, "SFTP") {
		t.Errorf("after Use SFTP: protocol %q, note %q", protocol, note)
	}
}

// An SFTP profile chosen in the toolbar says it is encrypted (by SSH, not
// "Not encrypted" as its TLS setting of none would suggest) and offers no
// passive or active mode; back on an FTP profile, the mode can be chosen.
func TestToolbarShowsAnSFTPProfileAsEncryptedWithoutAMode(t *testing.T) {
	h := newHarness(t, withKeychain())
	ftp := h.useAgency()
	sftp := profile.Profile{Name: "Carrier SFTP", Protocol: profile.ProtocolSFTP, Host: "sftp.carrier.example", User: "agency", Mode: "passive", TLS: "none"}
	h.savePassword(sftp, "pw")
	onUIWait(func() {
		h.win.reloadProfiles()
		h.win.profiles.SetSelected(sftp.Name)
	})
	var label string
	var disabled bool
	onUIWait(func() { label, disabled = h.win.tlsLabel.Text, h.win.mode.Disabled() })
	if label != "Encrypted (SSH)" || !disabled {
		t.Errorf("SFTP profile: label %q, mode disabled %v", label, disabled)
	}
	onUIWait(func() { h.win.profiles.SetSelected(ftp.Name) })
	onUIWait(func() { label, disabled = h.win.tlsLabel.Text, h.win.mode.Disabled() })
	if strings.Contains(label, "SSH") || disabled {
		t.Errorf("FTP profile again: label %q, mode disabled %v", label, disabled)
	}
}
