package transport

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
)

// ParseHostKeyFingerprint checks an SSH host key fingerprint as ssh-keygen
// -l shows it ("SHA256:" and 43 characters of base64; the prefix and
// trailing "=" may be left out) and returns it as "SHA256:...". Base64 is
// case-sensitive: the result is compared exactly, never case-folded.
func ParseHostKeyFingerprint(s string) (string, error) {
	fp := strings.TrimSpace(s)
	fp = strings.TrimPrefix(fp, "SHA256:")
	fp = strings.TrimRight(fp, "=")
	raw, err := base64.RawStdEncoding.DecodeString(fp)
	if err != nil || len(raw) != 32 {
		return "", fmt.Errorf("%q is not an SSH host key fingerprint: it looks like SHA256: followed by 43 letters, digits, + and / (ssh-keygen -lf KEY shows it)", s)
	}
	return "SHA256:" + fp, nil
}

var (
	keyCheckMu sync.RWMutex
	keyCheck   func(path string) bool
)

// SetKeyPassphraseCheck is called by the protocol that reads private keys
// (sftpclient, from init) with its test of whether a key file is encrypted.
func SetKeyPassphraseCheck(needsPassphrase func(path string) bool) {
	keyCheckMu.Lock()
	defer keyCheckMu.Unlock()
	keyCheck = needsPassphrase
}

// KeyNeedsPassphrase reports whether the private key file of a key login
// is encrypted, so that the login needs the profile's password to open it.
// Without a protocol that reads keys linked in, every key is taken to need
// one: the password is then asked for rather than an empty one sent.
func KeyNeedsPassphrase(path string) bool {
	keyCheckMu.RLock()
	f := keyCheck
	keyCheckMu.RUnlock()
	return f == nil || f(path)
}
