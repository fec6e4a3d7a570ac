package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"exchange/profile"
)

// A server address pasted as a URL (ftp://user@host:port/folder, ftpes://,
// ftps://, sftp://) is split into the form's fields, read by the same parser
// as the command line's --server: on the paste itself, or at Save for one
// typed by hand (split while typing, "ftp://h" would become a host "h").

// watchServerField splits a URL pasted into the Server field.
func (s *settingsView) watchServerField() {
	last := s.host.Text
	s.host.OnChanged = func(text string) {
		pasted := len(text)-len(last) > 1
		last = text
		if pasted && looksLikeServerURL(text) {
			if err := s.splitServerURL(); err != nil {
				s.note.SetText(err.Error())
			}
			last = s.host.Text
		}
	}
}

func looksLikeServerURL(host string) bool { return strings.Contains(host, "://") }

// splitServerURL fills the form from the URL in the Server field and says
// so in the note. The URL's password goes to the Password field (kept in the
// keychain at Save, as a typed one), never into the note or an error.
func (s *settingsView) splitServerURL() error {
	parsed, err := profile.ParseServerURL(strings.TrimSpace(s.host.Text))
	if err != nil {
		return fmt.Errorf(lang.L("The Server field holds an address Exchange cannot read: %w. Write the server's name alone, or an address such as ftp://user@server:21/folder."), err)
	}
	p := parsed.Profile
	switch {
	case p.IsSFTP():
		s.proto.protocol.SetSelected(protoSFTP)
	case p.TLS == profile.TLSExplicit:
		s.proto.protocol.SetSelected(protoFTPSExplict)
	case p.TLS == profile.TLSImplicit:
		s.proto.protocol.SetSelected(protoFTPSImplict)
	default:
		s.proto.protocol.SetSelected(protoFTP)
	}
	s.host.SetText(p.Host)
	s.port.SetText("")
	if p.Port > 0 {
		s.port.SetText(strconv.Itoa(p.Port))
	}
	s.user.SetText(p.User)
	s.dir.SetText(p.RemoteDir)
	note := lang.L("The address was split into its fields: protocol, server, port, user and folder. Check them, then Save.")
	if parsed.HasPassword {
		s.password.SetText(parsed.Password)
		note += " " + lang.L("Its password is in the Password field: Save keeps it in the system keychain, never in a file.")
	}
	s.note.SetText(note)
	return nil
}
