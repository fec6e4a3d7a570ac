package cli

import "strings"

// The service's hints (transport.HintOf) are written for the window: the
// command line has no "Test connection" button, and no profile form when
// --server was used. finalHint rewrites those sentences so that the last
// word a clerk reads is true. (Whether a retry comes is the service's to
// say, on its retrying and failed events.)

// fromWindow replaces the sentences that point at the window.
var fromWindow = strings.NewReplacer(
	"run Test connection", "run exchange diagnose",
	"Lower the number of connections", "Lower --connections",
	"Try the other mode (Passive/Active)", "Try the other mode (with or without --active)",
)

// fromServerFlag points at --server instead of a saved profile. The keychain
// is not read for a --server URL: the password came from EXCHANGE_PASSWORD
// or the prompt.
var fromServerFlag = strings.NewReplacer(
	"Check them in the server profile.", "Check the user name in --server and the password (EXCHANGE_PASSWORD, or the one typed when asked).",
	"Check the TLS setting of the profile", "Check the scheme of --server (ftpes:// explicit TLS, ftps:// implicit TLS)",
	"check the TLS setting of the profile", "check the scheme of --server (ftp://, ftpes:// explicit TLS, ftps:// implicit TLS)",
)

// finalHint is the hint of a file the service gave up on, as the command line says it.
func finalHint(hint string, viaServerFlag bool) string {
	hint = fromWindow.Replace(hint)
	if viaServerFlag {
		hint = fromServerFlag.Replace(hint)
	}
	return hint
}
