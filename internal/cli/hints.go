package cli

import "strings"

// The service's hints (ftpclient.Hint) are written for the window and for a
// failure that will be retried. A failed event means the service gave up on
// the file, and the command line has no "Test connection" button or profile
// form when --server was used: finalHint rewrites those sentences so that
// the last word a clerk reads is true. (The service could say it itself: a
// hint for a final failure that never promises a retry, and one that names
// where the setting lives; until then the printer fixes it here.)

// givenUp replaces the sentences that promise a retry or point at the window.
var givenUp = strings.NewReplacer(
	"Exchange will try again; if it keeps happening, run Test connection.", "Run exchange diagnose to see which step fails, then the same command again.",
	"Exchange will try again; lower the number of connections if it keeps happening.", "Run the same command again with a lower --connections.",
	"Exchange will try again.", "Run the same command again to retry.",
	"run Test connection", "run exchange diagnose",
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
	hint = givenUp.Replace(hint)
	if viaServerFlag {
		hint = fromServerFlag.Replace(hint)
	}
	return hint
}
