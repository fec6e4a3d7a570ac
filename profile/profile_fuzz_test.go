package profile

import (
	"encoding/json"
	"strings"
	"testing"

	"exchange/transport"
)

// FuzzProfileJSON: any profiles.json is refused as damaged or decodes into
// profiles that Validate either refuses or accepts; an accepted one turns
// into a client configuration and a remote folder that are safe to send.
func FuzzProfileJSON(f *testing.F) {
	for _, s := range []string{
		`{"default":"A","profiles":[{"name":"A","host":"ftp.example","user":"clerk","remote_dir":"incoming"}]}`,
		`{"profiles":[{"name":"B","host":"h","port":2121,"user":"u","remote_dir":"/abs/in","mode":"active","tls":"explicit","connections":8}]}`,
		`{"profiles":[{"name":"C","host":"h","user":"u","remote_dir":"in\r\nDELE x"}]}`,
		`{"profiles":[{"name":"D","host":"h","user":"u","mode":"bogus","tls":"ftps","temp_pattern":"x"}]}`,
		`{"profiles":null}`, `[]`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var file fileFormat
		if json.Unmarshal(raw, &file) != nil {
			return
		}
		for _, p := range file.Profiles {
			if p.Validate() != nil {
				continue
			}
			if p.RemoteDir != "" {
				if err := transport.CheckPath(p.RemoteDir); err != nil {
					t.Fatalf("valid profile with remote folder %q: %v", p.RemoteDir, err)
				}
			}
			cfg, err := p.ClientConfig("pw")
			if err != nil {
				t.Fatalf("valid profile %+v: ClientConfig: %v", p, err)
			}
			if strings.ContainsAny(cfg.User, "\r\n\x00") || cfg.Host == "" {
				t.Fatalf("valid profile gives an unsafe configuration %+v", cfg)
			}
		}
	})
}

// FuzzRemoteDirFromURL: URLPath and RemoteDirFromURL are inverses for every
// folder RemoteDirFromURL produces.
func FuzzRemoteDirFromURL(f *testing.F) {
	for _, s := range []string{"/", "/incoming/", "/%2Fabs/dir", "//abs", "/in%20box/d%C3%A9p%C3%B4t", "/%00", "/a?b", "/./../x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		u, err := parseFTP(p)
		if err != nil {
			return
		}
		dir, err := RemoteDirFromURL(u)
		if err != nil {
			return
		}
		if dir != "" && transport.CheckPath(dir) != nil {
			t.Fatalf("%q gives an unsafe folder %q", p, dir)
		}
		back, err := parseFTP(URLPath(dir))
		if err != nil {
			t.Fatalf("URLPath(%q) = %q does not parse: %v", dir, URLPath(dir), err)
		}
		again, err := RemoteDirFromURL(back)
		if err != nil || again != dir {
			t.Fatalf("%q -> %q -> %q -> %q, %v", p, dir, URLPath(dir), again, err)
		}
	})
}
