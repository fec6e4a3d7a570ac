package uploader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/transport"
)

// TestEndToEndOnRealServers sends a batch of valid and invalid files through
// the service to each real server of the harness, in passive and active mode,
// plain and over explicit TLS: only the valid files arrive, byte-identical,
// under their final names, and no temporary file is left.
func TestEndToEndOnRealServers(t *testing.T) {
	for _, kind := range ftptest.Kinds() {
		for _, v := range []struct {
			mode    transport.Mode
			tlsMode transport.TLSMode
		}{{transport.Passive, transport.TLSNone}, {transport.Passive, transport.TLSExplicit},
			{transport.Active, transport.TLSNone}, {transport.Active, transport.TLSExplicit}} {
			mode, tlsMode := v.mode, v.tlsMode
			t.Run(fmt.Sprintf("%s/%s/%s", kind, mode, tlsMode), func(t *testing.T) {
				srv := ftptest.Start(t, kind, ftptest.Options{TLS: tlsMode})
				local := t.TempDir()
				valid := map[string][]byte{
					"small.al3":        validAL3(41, 4<<10),
					"medium.al3":       validAL3(42, 256<<10),
					"large policy.al3": validAL3(43, 3<<20),
				}
				invalid := map[string][]byte{
					"readme.txt":    []byte("not AL3\n"),
					"truncated.al3": validAL3(44, 8<<10)[:6000],
				}
				paths := append(writeFiles(t, local, valid), writeFiles(t, local, invalid)...)
				sizes := map[string]int64{}
				for n, d := range valid {
					sizes[n] = int64(len(d))
				}
				dir := srv.Path("/in")
				if err := os.MkdirAll(dir, 0o777); err != nil {
					t.Fatal(err)
				}
				_ = os.Chmod(dir, 0o777) // the server's user writes there
				watch := watchFinalNames(dir, sizes)
				p := profile.Profile{Name: string(kind), Host: srv.Host, Port: srv.Port, User: srv.User,
					RemoteDir: "/in", Mode: profile.Mode(mode.String()), TLS: profile.TLSMode(tlsMode.String()), PinnedSHA256: srv.Fingerprint, Connections: 2,
					MaxRetries: 2, TimeoutSeconds: 10}
				x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, 100*time.Millisecond)
				began := time.Now()
				ids := x.run(90*time.Second, paths...)
				if os.Getenv("E2E_VERBOSE") != "" {
					t.Logf("batch took %v", time.Since(began))
					x.mu.Lock()
					for _, e := range x.events {
						t.Logf("%8.3f %s %s %s", e.Time.Sub(began).Seconds(), e.Kind, filepath.Base(e.Path), e.Note)
					}
					x.mu.Unlock()
				}
				watch.finish(t)
				checkArrived(t, dir, valid)
				for i, id := range ids {
					kinds := x.kinds(id)
					want := "verifying done"
					if i >= len(valid) {
						want = "validating invalid"
					}
					if os.Getenv("E2E_VERBOSE") != "" {
						t.Logf("%s: %s", filepath.Base(paths[i]), kinds)
					}
					if !strings.HasSuffix(kinds, want) {
						t.Errorf("%s: events %s", filepath.Base(paths[i]), kinds)
					}
				}
				if t.Failed() {
					t.Log(srv.Log())
				}
			})
		}
	}
}
