package uploader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
)

// TestKeepBothWithFolderListing: the final names are learnt from a listing
// of the folder, and keep-both still replaces nothing: not the files that
// were on the server before, nor those of a batch sent a moment earlier
// (within the listing's freshness), whoever's connection renamed them.
func TestKeepBothWithFolderListing(t *testing.T) {
	const files, existing = 12, 5
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	dir := srv.Path("/in")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o777) // the server's user writes there
	want := map[string][]byte{}
	for i := range existing {
		name := fmt.Sprintf("policy-%03d.al3", i)
		want[name] = []byte("was on the server before " + name)
		if err := os.WriteFile(filepath.Join(dir, name), want[name], 0o666); err != nil {
			t.Fatal(err)
		}
	}
	p := profile.Profile{Name: "listing", Host: srv.Host, Port: srv.Port, User: srv.User, RemoteDir: "/in",
		Mode: profile.Passive, Connections: 2, MaxRetries: 2, TimeoutSeconds: 10, Exists: profile.KeepBoth}
	x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, 100*time.Millisecond)
	for batch := 1; batch <= 2; batch++ {
		local := t.TempDir()
		data := map[string][]byte{}
		for i := range files {
			name := fmt.Sprintf("policy-%03d.al3", i)
			data[name] = validAL3(1000*batch+i, 4<<10)
			n := batch // how many of this name are on the server before this batch's
			if i < existing {
				n++
			}
			arrives := name
			if n > 1 {
				arrives = fmt.Sprintf("policy-%03d (%d).al3", i, n)
			}
			want[arrives] = data[name]
		}
		x.run(120*time.Second, writeFiles(t, local, data)...)
	}
	checkArrived(t, dir, want)
	cmds, err := srv.Commands()
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, c := range cmds {
		if c.Verb == "NLST" {
			lists++
		}
	}
	if lists == 0 {
		t.Error("the folder was never listed: the names came from SIZE alone")
	}
}
