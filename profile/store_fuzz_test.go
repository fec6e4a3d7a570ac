package profile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzProfilesFile feeds any bytes as profiles.json. Whatever the file holds,
// the store never panics; a file it cannot read is reported as damaged and is
// never overwritten (saving fails, the bytes stay for the user to recover);
// a file it can read keeps every profile when another one is saved.
func FuzzProfilesFile(f *testing.F) {
	f.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(f.TempDir(), "none.json"))
	for _, seed := range []string{
		``, `{}`, `[]`, `null`, `{"profiles":null}`, `{"profiles":[{}]}`,
		`{"default":"Agency","profiles":[{"name":"Agency","host":"ftp.example","port":21,"user":"clerk","tls":"explicit","mode":"passive","remote_dir":"/in","connections":2}]}`,
		`{"profiles":[{"name":"a"},{"name":"A"},{"name":"a","port":-1}]}`,
		`{"profiles":[{"name":"x\u0000y","host":"h\r\nPASS x","port":99999,"connections":1000,"mode":"sideways"}]}`,
		`{"default":"\ud800","profiles":[{"name":"\u202e"}]}`,
		`{"profiles":{"name":"not a list"}}`,
		"\xef\xbb\xbf{\"profiles\":[]}", // a byte-order mark, as Notepad writes
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, FileName)
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := OpenStore(dir, NoKeychain{})
		if err != nil {
			t.Fatal(err)
		}
		s.SetBuiltIn(BuiltInProfile(BuiltInPort))
		before, listErr := s.List()
		_, _ = s.Default()
		newcomer := Profile{Name: "Fuzz newcomer", Host: "127.0.0.1", User: "clerk", TLS: "none", Mode: "passive"}
		saveErr := s.Save(newcomer)
		if listErr != nil {
			if !strings.Contains(listErr.Error(), "damaged") && len(data) > 0 {
				t.Errorf("List error does not say the file is damaged: %v", listErr)
			}
			if saveErr == nil {
				t.Fatalf("a damaged profiles file was overwritten by Save")
			}
			if now, _ := os.ReadFile(file); !bytes.Equal(now, data) {
				t.Fatalf("a damaged profiles file was changed")
			}
			return
		}
		for _, p := range before {
			_ = p.Validate()
			_ = p.WithDefaults()
			if _, err := s.Get(p.Name); err != nil {
				t.Errorf("profile %q is listed but Get fails: %v", p.Name, err)
			}
		}
		if saveErr != nil {
			t.Fatalf("saving a valid profile beside a readable file: %v", saveErr)
		}
		after, err := s.List()
		if err != nil {
			t.Fatalf("the file Save wrote cannot be read back: %v", err)
		}
		names := map[string]bool{}
		for _, p := range after {
			names[p.Name] = true
		}
		for _, p := range before {
			if !names[p.Name] && !strings.EqualFold(p.Name, newcomer.Name) {
				t.Errorf("profile %q was lost when another was saved", p.Name)
			}
		}
		if !names[newcomer.Name] {
			t.Errorf("the saved profile is not listed")
		}
	})
}
