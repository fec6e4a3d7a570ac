package uploader_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/uploader"
)

// TestEndToEndServerConnectionLimitPausesTheProfile: a server that takes one
// session at a time (pure-ftpd -c 1) refuses the other workers' logins with
// 421. That used to count as a failed attempt of the file each one held, so
// files failed one after another while one session sent fine. Now a refused
// login pauses new connections of the profile (its pacer): the files wait,
// the session that works sends them all, none fails.
func TestEndToEndServerConnectionLimitPausesTheProfile(t *testing.T) {
	for _, kind := range []ftptest.Kind{ftptest.PureFTPd, ftptest.VSFTPD} {
		t.Run(string(kind), func(t *testing.T) {
			srv := ftptest.Start(t, kind, ftptest.Options{MaxClients: 1})
			if err := os.MkdirAll(srv.Path("/in"), 0o777); err != nil {
				t.Fatal(err)
			}
			_ = os.Chmod(srv.Path("/in"), 0o777)
			files := map[string][]byte{}
			for i := range 8 {
				files[fmt.Sprintf("f%d.al3", i)] = validAL3(60+i, 8<<10)
			}
			paths := writeFiles(t, t.TempDir(), files)
			p := localProfile(srv.Port, "/in")
			p.User, p.Connections, p.MaxRetries = srv.User, 3, 2
			// The pacer's rounds must outlast the moment a server takes to free a
			// closed session's place (pure-ftpd's process exits first): on a busy
			// machine, two rounds of 50 ms did not (a file failed on 421).
			x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, ftptest.Scaled(200*time.Millisecond))
			ids := x.run(3*time.Minute, paths...)
			paced := 0
			x.mu.Lock()
			for _, e := range x.events {
				if e.Kind == uploader.EventWaiting && e.Note == uploader.NoteConnectionLimit {
					paced++
				}
			}
			x.mu.Unlock()
			for _, id := range ids {
				if it := x.final(id); it.Kind != uploader.EventDone {
					t.Errorf("a file ended %s: %s (%s)", it.Kind, it.Err, x.kinds(id))
				}
			}
			if paced == 0 {
				t.Error("no file waited for the server's connection limit: the limit was never hit, the test proves nothing")
			}
			t.Logf("%d files sent through one session; %d waits for the connection limit", len(ids), paced)
		})
	}
}
