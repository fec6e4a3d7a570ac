package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/transport"
)

// Mode and TLS became types; profiles.json files written before still load,
// with every spelling the parser always accepted, and Save writes the same
// words as before.
func TestProfilesFileOfStringModesStillLoads(t *testing.T) {
	dir := t.TempDir()
	old := `{"default": "A", "profiles": [
		{"name": "A", "host": "a.example", "user": "u", "mode": "active", "tls": "explicit"},
		{"name": "B", "host": "b.example", "user": "u", "mode": "PASV", "tls": "ftps"},
		{"name": "C", "host": "c.example", "user": "u"},
		{"name": "D", "host": "d.example", "user": "u", "mode": "sideways", "tls": "maybe"}
	]}`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		mode Mode
		tls  TLSMode
	}{"A": {Active, TLSExplicit}, "B": {Passive, TLSImplicit}, "C": {"", ""}, "D": {"sideways", "maybe"}}
	for name, w := range want {
		p, err := s.Get(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Mode != w.mode || p.TLS != w.tls {
			t.Errorf("%s: mode %q, tls %q; want %q, %q", name, p.Mode, p.TLS, w.mode, w.tls)
		}
	}
	b, _ := s.Get("B")
	cfg, err := b.ClientConfig("pw")
	if err != nil || cfg.Mode != transport.Passive || cfg.TLS != transport.TLSImplicit {
		t.Errorf("B's session config: %v %v, %v", cfg.Mode, cfg.TLS, err)
	}
	if c, _ := s.Get("C"); c.WithDefaults().Mode != Passive || c.WithDefaults().TLS != TLSNone {
		t.Errorf("C's defaults: %+v", c.WithDefaults())
	}
	// An unknown word loads (the file is not lost) and Validate says what is wrong.
	d, _ := s.Get("D")
	if err := d.Validate(); err == nil || !strings.Contains(err.Error(), `"sideways"`) {
		t.Errorf("Validate of mode sideways = %v", err)
	}
	if err := s.Save(b); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"mode": "passive"`) || !strings.Contains(string(raw), `"tls": "implicit"`) {
		t.Errorf("saved file:\n%s", raw)
	}
}
