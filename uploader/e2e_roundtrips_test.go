package uploader_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
)

// TestRoundTripsPerFile sends a batch of small files to vsftpd and counts,
// from the server's protocol log, the control commands per file and per
// connection. Over a real network each one costs a round trip: the bounds
// keep the figure from creeping back up. lftp with a temporary name spends
// 6.7 a file (issue 21). Measured here, 40 files, one connection: 6.00 a
// file (EPSV, STOR, SIZE of the final name, SIZE of the temporary file,
// RNFR, RNTO) and 9 to log in before one listing a folder replaced the
// SIZE of the final name; 5.08 a file after.
func TestRoundTripsPerFile(t *testing.T) {
	const files = 40
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	local := t.TempDir()
	data := map[string][]byte{}
	for i := range files {
		data[fmt.Sprintf("policy-%03d.al3", i)] = validAL3(100+i, 4<<10)
	}
	paths := writeFiles(t, local, data)
	sort.Strings(paths)
	dir := srv.Path("/in")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o777) // the server's user writes there
	p := profile.Profile{Name: "trips", Host: srv.Host, Port: srv.Port, User: srv.User,
		RemoteDir: "/in", Mode: profile.Passive, Connections: 1, MaxRetries: 2, TimeoutSeconds: 10}
	probes, err := srv.Connections() // the harness's own, to see the server up
	if err != nil {
		t.Fatal(err)
	}
	x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, 100*time.Millisecond)
	x.run(120*time.Second, paths...)
	checkArrived(t, dir, data)

	if os.Getenv("TRIPS_DUMP") != "" {
		t.Log(srv.Log())
	}
	cmds, err := srv.Commands()
	if err != nil {
		t.Fatal(err)
	}
	conns, err := srv.Connections()
	if err != nil {
		t.Fatal(err)
	}
	conns -= probes
	perVerb := map[string]int{}
	for _, c := range cmds {
		perVerb[c.Verb]++
	}
	// The login's commands (up to the first transfer's) are the connection's;
	// the rest are the files'.
	login := 0
	for _, c := range cmds {
		if c.Verb == "STOR" || c.Verb == "EPSV" || c.Verb == "PASV" {
			break
		}
		login++
	}
	perFile := float64(len(cmds)-login*conns) / files
	t.Logf("%d commands for %d files on %d connection(s): %d to log in, %.2f a file; %v",
		len(cmds), files, conns, login, perFile, summary(perVerb))
	if conns != 1 {
		t.Errorf("%d connections for one batch with Connections: 1, want 1", conns)
	}
	if maxLogin := 8; login > maxLogin {
		t.Errorf("%d commands to log in, want at most %d", login, maxLogin)
	}
	if maxPerFile := 5.5; perFile > maxPerFile {
		t.Errorf("%.2f commands a file, want at most %.1f", perFile, maxPerFile)
	}
}

func summary(perVerb map[string]int) string {
	var verbs []string
	for v, n := range perVerb {
		verbs = append(verbs, fmt.Sprintf("%s %d", v, n))
	}
	sort.Strings(verbs)
	return strings.Join(verbs, ", ")
}

// TestLaterConnectionsKnowTheLoginFolder: a profile's later sessions take
// the login folder its first session learnt instead of asking PWD again.
func TestLaterConnectionsKnowTheLoginFolder(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	dir := srv.Path("/in")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o777) // the server's user writes there
	p := profile.Profile{Name: "trips", Host: srv.Host, Port: srv.Port, User: srv.User,
		RemoteDir: "in", Mode: profile.Passive, Connections: 2, MaxRetries: 2, TimeoutSeconds: 10}
	probes, err := srv.Connections()
	if err != nil {
		t.Fatal(err)
	}
	x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, 100*time.Millisecond)
	all := map[string][]byte{}
	// One file opens one session; the next batch keeps both workers busy.
	for _, batch := range []int{1, 30} {
		data := map[string][]byte{}
		for i := range batch {
			name := fmt.Sprintf("policy-%d-%03d.al3", batch, i)
			data[name] = validAL3(200+batch+i, 4<<10)
			all[name] = data[name]
		}
		x.run(120*time.Second, writeFiles(t, t.TempDir(), data)...)
	}
	checkArrived(t, dir, all)
	cmds, err := srv.Commands()
	if err != nil {
		t.Fatal(err)
	}
	conns, err := srv.Connections()
	if err != nil {
		t.Fatal(err)
	}
	pwd := 0
	for _, c := range cmds {
		if c.Verb == "PWD" {
			pwd++
		}
	}
	if conns-probes != 2 {
		t.Fatalf("%d sessions opened, want 2 (one for the first batch, one more for the second)", conns-probes)
	}
	if pwd != 1 {
		t.Errorf("PWD asked %d times by 2 sessions of one profile, want once", pwd)
	}
}
