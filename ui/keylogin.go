package ui

import (
	"strings"

	"exchange/transport"
)

// keyLogin reports an SFTP login by a private key that needs no
// passphrase: no password is asked for, and none is sent (sftpclient never
// offers an empty password).
func keyLogin(cfg transport.Config) bool {
	return strings.EqualFold(cfg.Protocol, "sftp") && cfg.KeyFile != "" && !transport.KeyNeedsPassphrase(cfg.KeyFile)
}
