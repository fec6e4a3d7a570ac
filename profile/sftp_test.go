package profile

import (
	"strings"
	"testing"
)

func TestSFTPProfileValidation(t *testing.T) {
	ok := Profile{Name: "s", Host: "h", User: "u", Protocol: ProtocolSFTP,
		PinnedSHA256: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", KeyFile: "/home/u/.ssh/id_ed25519"}
	if err := ok.WithDefaults().Validate(); err != nil {
		t.Fatal(err)
	}
	cfg, err := ok.ClientConfig("pw")
	if err != nil || cfg.Protocol != "sftp" || cfg.KeyFile != ok.KeyFile || cfg.PinnedSHA256 != ok.PinnedSHA256 {
		t.Fatalf("%+v %v", cfg, err)
	}
	for what, p := range map[string]Profile{
		"tls":         {TLS: "explicit"},
		"active":      {Mode: "active"},
		"host key":    {PinnedSHA256: "AB:CD:EF"},
		"protocol":    {Protocol: "scp"},
		"ftp keyfile": {Protocol: "ftp", KeyFile: "/k"},
	} {
		p.Name, p.Host, p.User = "s", "h", "u"
		if p.Protocol == "" {
			p.Protocol = ProtocolSFTP
		}
		if err := p.Validate(); err == nil {
			t.Errorf("%s: accepted %+v", what, p)
		} else if strings.Contains(err.Error(), "%!") {
			t.Errorf("%s: %v", what, err)
		}
	}
}
