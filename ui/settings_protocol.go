package ui

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
)

// The protocols the profile editor offers.
const (
	protoFTP         = "FTP"
	protoFTPSExplict = "FTPS (explicit TLS)"
	protoFTPSImplict = "FTPS (implicit TLS)"
	protoSFTP        = "SFTP (SSH)"
)

// protocolControls are the editor's protocol selector and what depends on
// it: the TLS setting it drives, the Passive/Active mode (disabled for SFTP,
// with a hint saying why), the private key (SFTP only), and the pin's hint.
type protocolControls struct {
	s        *settingsView
	protocol *widget.Select
	keyFile  *widget.Entry
	item     *widget.FormItem // the selector's row
	modeItem *widget.FormItem // the Mode row, whose hint explains SFTP
	form     *widget.Form
}

func newProtocolControls(s *settingsView) *protocolControls {
	c := &protocolControls{s: s, keyFile: widget.NewEntry()}
	c.keyFile.SetPlaceHolder(lang.L("private key file, e.g. C:\\Users\\you\\.ssh\\id_ed25519 (optional)"))
	c.protocol = widget.NewSelect([]string{protoFTP, protoFTPSExplict, protoFTPSImplict, protoSFTP}, func(string) { c.changed() })
	// TLS 1.2 only sits beside the protocol it qualifies, so that the
	// Proxy row fits the default window too.
	c.item = widget.NewFormItem(lang.L("Protocol"), container.NewBorder(nil, nil, nil, s.tls12, c.protocol))
	c.modeItem = widget.NewFormItem(lang.L("Mode"), s.mode.Select)
	return c
}

// load shows p's protocol.
func (c *protocolControls) load(p profile.Profile) {
	switch {
	case p.IsSFTP():
		c.protocol.SetSelected(protoSFTP)
	case p.WithDefaults().TLS == "explicit":
		c.protocol.SetSelected(protoFTPSExplict)
	case p.WithDefaults().TLS == "implicit":
		c.protocol.SetSelected(protoFTPSImplict)
	default:
		c.protocol.SetSelected(protoFTP)
	}
	c.keyFile.SetText(p.KeyFile)
	c.changed()
}

// changed sets the TLS selection and enables what the protocol uses.
func (c *protocolControls) changed() {
	s, sftp := c.s, c.protocol.Selected == protoSFTP
	switch c.protocol.Selected {
	case protoFTP, protoSFTP:
		s.tls.setValue(string(profile.TLSNone))
	case protoFTPSExplict:
		s.tls.setValue(string(profile.TLSExplicit))
	case protoFTPSImplict:
		s.tls.setValue(string(profile.TLSImplicit))
	}
	for _, w := range []interface {
		Enable()
		Disable()
	}{s.mode.Select, s.tls12} {
		if sftp {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if sftp {
		c.keyFile.Enable()
		s.mode.setValue(string(profile.Passive))
		c.modeItem.HintText = lang.L("SFTP uses one connection: there is no passive or active mode to choose.")
		s.port.SetPlaceHolder(lang.L("empty: the usual port (22)"))
		s.fingerprint.SetPlaceHolder(lang.L("empty: asked and remembered at the first connection"))
	} else {
		c.keyFile.Disable()
		c.modeItem.HintText = ""
		s.port.SetPlaceHolder(map[bool]string{true: lang.L("empty: the usual port (990)"), false: lang.L("empty: the usual port (21)")}[c.protocol.Selected == protoFTPSImplict])
		s.fingerprint.SetPlaceHolder(lang.L("empty: the usual certificate check"))
	}
	if c.form != nil {
		c.form.Refresh()
	}
}

// apply writes the protocol into p.
func (c *protocolControls) apply(p *profile.Profile) {
	p.Protocol, p.KeyFile = "", ""
	if c.protocol.Selected == protoSFTP {
		p.Protocol, p.TLS, p.Mode, p.TLS12Only = profile.ProtocolSFTP, "none", "passive", false
		p.KeyFile = strings.TrimSpace(c.keyFile.Text)
	}
}
