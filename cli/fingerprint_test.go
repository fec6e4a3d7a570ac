package cli

import (
	"strings"
	"testing"
)

func TestParseFingerprint(t *testing.T) {
	const canonical = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
	for _, good := range []string{
		canonical,
		strings.ToLower(canonical),
		strings.ReplaceAll(canonical, ":", ""),
		" " + strings.ReplaceAll(strings.ToLower(canonical), ":", "") + " ",
	} {
		got, err := parseFingerprint(good)
		if err != nil || got != canonical {
			t.Errorf("parseFingerprint(%q) = %q, %v", good, got, err)
		}
	}
	for bad, why := range map[string]string{
		"zz":                                   "not a hexadecimal digit",
		"":                                     "64",
		"AB:CD":                                "64",
		strings.Repeat("A", 63):                "64",
		strings.Repeat("A", 65):                "64",
		strings.Repeat("A", 40):                "64", // a SHA-1
		strings.Replace(canonical, ":", "", 1): "two digits",
		canonical + ":":                        "two digits",
		strings.Repeat("G", 64):                "not a hexadecimal digit",
	} {
		if _, err := parseFingerprint(bad); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("parseFingerprint(%q): err = %v, want one saying %q", bad, err, why)
		}
	}
}

// `--tls-fingerprint zz` used to be accepted; every command taking it refuses it now.
func TestTLSFingerprintFlagIsChecked(t *testing.T) {
	t.Setenv("EXCHANGE_PASSWORD", "pw")
	for _, cmd := range [][]string{
		{"upload", "--state", t.TempDir(), "--server", "ftps://clerk@127.0.0.1:1/", "--tls-fingerprint", "zz", "a.al3"},
		{"diagnose", "--server", "ftps://clerk@127.0.0.1:1/", "--tls-fingerprint", "zz"},
		{"profiles", "--state", t.TempDir(), "add", "P", "--server", "ftps://clerk@127.0.0.1:1/", "--tls-fingerprint", "zz"},
	} {
		code, _, errOut := run(cmd...)
		if code == ExitOK || !strings.Contains(errOut, `--tls-fingerprint "zz" is not a SHA-256 fingerprint`) {
			t.Errorf("%v: exit %d, stderr %q", cmd, code, errOut)
		}
	}
	code, _, errOut := run("upload", "--state", t.TempDir(), "--server", "ftp://clerk@127.0.0.1:1/", "--tls-fingerprint", strings.Repeat("ab", 32), "a.al3")
	if code != ExitUsage || !strings.Contains(errOut, "plain FTP") {
		t.Errorf("pin on plain FTP: exit %d, stderr %q", code, errOut)
	}
}
