package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/transport"
)

// isHostKey tells an SFTP server's host key (sftpclient asks about it through
// the same question as certificates) from a TLS certificate.
func isHostKey(info transport.CertInfo) bool {
	return strings.HasPrefix(info.SHA256, "SHA256:") && info.Issuer == ""
}

// hostKeyText is what the trust question says about an SSH host key.
func hostKeyText(info transport.CertInfo) string {
	return fmt.Sprintf(lang.L("Exchange has not connected to this SFTP server before (%s).")+"\n\n%s\n\n"+lang.L("Fingerprint:")+"\n%s\n\n"+
		lang.L("Trust it only if this fingerprint is exactly the one your administrator gave you. Exchange will then remember it and refuse to send anything if the server ever shows another key."),
		info.Reason, info.Subject, info.SHA256)
}

func (a *Asker) hostKeyDialog(info transport.CertInfo, answer func(bool)) dialog.Dialog {
	text := widget.NewLabel(hostKeyText(info))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Trust this server?"), lang.L("Trust this host key"), lang.L("Do not connect"), text, answer, a.win)
	d.Resize(fyne.NewSize(620, 340))
	return d
}
