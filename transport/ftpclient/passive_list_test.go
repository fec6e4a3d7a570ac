package ftpclient_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestListNamesOnRealServers: a passive session lists a folder's names
// (NLST) on each real server, plain and over explicit TLS, names with spaces
// included; a hidden name may be left out, never a visible one; an empty
// folder lists nothing or answers with a reply (never a wrong name).
func TestListNamesOnRealServers(t *testing.T) {
	for _, kind := range ftptest.Kinds() {
		for _, tlsMode := range []transport.TLSMode{transport.TLSNone, transport.TLSExplicit} {
			t.Run(string(kind)+"/"+tlsMode.String(), func(t *testing.T) {
				srv := ftptest.Start(t, kind, ftptest.Options{TLS: tlsMode})
				visible := []string{"a.al3", "policy 2 (2).al3", "Z.AL3"}
				for _, dir := range []string{"/in", "/empty"} {
					if err := os.MkdirAll(srv.Path(dir), 0o777); err != nil {
						t.Fatal(err)
					}
					_ = os.Chmod(srv.Path(dir), 0o777)
				}
				for _, n := range append([]string{".hidden.exchange-part"}, visible...) {
					if err := os.WriteFile(filepath.Join(srv.Path("/in"), n), []byte(n), 0o666); err != nil {
						t.Fatal(err)
					}
				}
				s, err := ftpclient.Dial(context.Background(), srv.Config(transport.Passive, tlsMode))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Quit()
				names, err := transport.ListNames(s, "/in")
				if err != nil {
					t.Fatalf("list /in: %v", err)
				}
				var shown []string
				for _, n := range names {
					if !strings.HasPrefix(n, ".") {
						shown = append(shown, n)
					}
				}
				slices.Sort(shown)
				slices.Sort(visible)
				if !slices.Equal(shown, visible) {
					t.Errorf("listed %q, want %q", names, visible)
				}
				names, err = transport.ListNames(s, "/empty")
				if err == nil && len(names) != 0 {
					t.Errorf("an empty folder listed %q", names)
				}
				if err != nil && !transport.IsReply(err) {
					t.Errorf("an empty folder: %v", err)
				}
				// The session goes on after either answer.
				if err := s.Noop(); err != nil {
					t.Errorf("NOOP after the listings: %v", err)
				}
			})
		}
	}
}
