package transport

import "testing"

// A fingerprint is checked and kept exactly: base64 is case-sensitive, so
// the same letters in another case are another key.
func TestParseHostKeyFingerprint(t *testing.T) {
	const good = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
	for _, in := range []string{good, good[len("SHA256:"):], good + "=", "  " + good + "\n"} {
		if got, err := ParseHostKeyFingerprint(in); err != nil || got != good {
			t.Errorf("%q: %q %v, want %q", in, got, err, good)
		}
	}
	if got, err := ParseHostKeyFingerprint("SHA256:UNIVZTKSCSDHCC0U9E8BUJQXVUPKZIDTMCZCVJ3TD2S"); err == nil && got == good {
		t.Error("the upper-cased fingerprint was taken for the original")
	}
	for _, bad := range []string{"", "AB:CD:EF", "SHA256:short", "MD5:" + good[7:]} {
		if _, err := ParseHostKeyFingerprint(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Without a protocol that reads keys, every key needs a passphrase (the
// password is asked for, never an empty one sent).
func TestKeyNeedsPassphraseWithoutReader(t *testing.T) {
	SetKeyPassphraseCheck(nil)
	if !KeyNeedsPassphrase("/some/key") {
		t.Error("no key reader linked in: want needs passphrase")
	}
	SetKeyPassphraseCheck(func(string) bool { return false })
	defer SetKeyPassphraseCheck(nil)
	if KeyNeedsPassphrase("/some/key") {
		t.Error("the registered check was not used")
	}
}
