package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
)

// proxyPlaceholder says what an empty Proxy row means, and what else it takes.
func proxyPlaceholder() string { return lang.L("empty: the system's proxy; direct: none") }

// proxyHint is the Proxy row's hint when the clerk cannot change it.
func proxyHint() string { return fmt.Sprintf(lang.L("The proxy is %s."), setByAdministrator()) }

// proxyControls is the Proxy row of the profile editor: the office proxy
// the profile's connections go through ("" the system's proxy, "direct",
// socks5://[user@]host:port or http://host:port; a proxy password is
// refused by profile.Validate, it never goes into the profiles file).
type proxyControls struct {
	entry *widget.Entry
	item  *widget.FormItem
}

func newProxyControls() *proxyControls {
	c := &proxyControls{entry: widget.NewEntry()}
	c.entry.SetPlaceHolder(proxyPlaceholder())
	c.item = widget.NewFormItem(lang.L("Proxy"), c.entry)
	return c
}

// load shows p's proxy: the administrator's profile's is locked (see
// lock), the built-in server's is off (it runs on this computer, with no
// proxy in the way).
func (c *proxyControls) load(p profile.Profile) {
	c.entry.SetText(p.Proxy)
	c.entry.SetPlaceHolder(proxyPlaceholder())
	c.item.HintText = ""
	c.entry.Enable()
	switch {
	case p.ReadOnly:
		c.lock()
	case p.BuiltIn:
		c.entry.Disable()
	}
}

// lock disables the proxy and says who set it (the administrator's profile,
// or a list of profiles the administrator locked): in the placeholder when
// it is empty, in the row's hint otherwise.
func (c *proxyControls) lock() {
	c.entry.Disable()
	if c.entry.Text == "" {
		c.entry.SetPlaceHolder(lang.L("the system's proxy") + " (" + setByAdministrator() + ")")
		return
	}
	c.item.HintText = proxyHint()
}

// apply writes the proxy into p.
func (c *proxyControls) apply(p *profile.Profile) {
	p.Proxy = strings.TrimSpace(c.entry.Text)
}
