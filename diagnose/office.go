package diagnose

import (
	"errors"
	"runtime"
	"strings"

	"exchange/transport"
)

// Office networks: two causes that an administrator can fix, named in the
// verdict when the data tests point at them.

// onWindows says whether the Windows Firewall's advice applies (a variable
// for tests).
var onWindows = runtime.GOOS == "windows"

// statefulFTPFix is the administrator's command that turns off the Windows
// Firewall's stateful FTP filter.
const statefulFTPFix = "netsh advfirewall set global StatefulFTP disable"

// officeHints refines the verdict after the data tests.
func (r *run) officeHints(passiveErr, activeErr error, cfg transport.Config) {
	if cfg.TLS == transport.TLSNone {
		return
	}
	for _, err := range []error{passiveErr, activeErr} {
		if reply, ok := resumptionRequired(err); ok {
			r.res.Verdict += " The server requires TLS session resumption on the data connection (it replied: " + reply + ")."
			r.res.Advice = "The server accepts a data connection only when it resumes the TLS session of the login connection. " +
				"Exchange resumes it; a proxy or firewall that inspects TLS breaks that. Try \"TLS 1.2 only\" in the profile, " +
				"or ask the server administrator (vsftpd: require_ssl_reuse=NO; proftpd: TLSOptions NoSessionReuseRequired)."
			return
		}
	}
	if !r.res.PassiveOK && isTimeout(passiveErr) && onWindows {
		r.res.Advice += " If plain FTP (without TLS) works with this server from this computer, the Windows Firewall's stateful FTP filter " +
			"is the likely cause: it cannot read the encrypted commands and blocks encrypted passive data connections. " +
			"The administrator's fix: " + statefulFTPFix + " (or use active mode)."
		r.res.Advice = strings.TrimSpace(r.res.Advice)
	}
}

// resumptionRequired recognises a server's refusal of a data connection that
// did not resume the TLS session: 425 or 522 (vsftpd: "522 SSL connection
// failed: session reuse required").
func resumptionRequired(err error) (string, bool) {
	var fe *transport.Error
	if !errors.As(err, &fe) || (fe.Code != 425 && fe.Code != 522) {
		return "", false
	}
	text := strings.ToLower(fe.Reply)
	for _, w := range []string{"reuse", "resum", "session"} {
		if strings.Contains(text, w) {
			return strings.TrimSpace(fe.Reply), true
		}
	}
	return "", false
}
