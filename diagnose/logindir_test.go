package diagnose

import (
	"context"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
)

// Diagnose says the login folder (PWD) and where files will land: on a
// server that does not chroot, "incoming" is the home's incoming folder and
// "" the home itself.
func TestDiagnoseSaysTheLoginFolderAndTheTarget(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{NoChroot: true})
	for _, c := range []struct{ remoteDir, target, words string }{
		{"", srv.LoginDir, "the login folder (" + srv.LoginDir + ")"},
		{"incoming", srv.LoginDir + "/incoming", srv.LoginDir + "/incoming"},
		{srv.LoginDir + "/abs", srv.LoginDir + "/abs", srv.LoginDir + "/abs"},
	} {
		if c.remoteDir != "" {
			// The folder must exist for the test upload: the service makes it,
			// diagnose only tries it.
			if err := mkdirOwned(srv, c.target); err != nil {
				t.Fatal(err)
			}
		}
		p := profile.Profile{Name: "x", Host: srv.Host, Port: srv.Port, User: srv.User, RemoteDir: c.remoteDir}
		res := Run(context.Background(), p, srv.Password, Options{Timeout: 30 * time.Second})
		if res.LoginDir != srv.LoginDir || res.TargetDir != c.target {
			t.Errorf("remote folder %q: login folder %q, target %q; want %q, %q", c.remoteDir, res.LoginDir, res.TargetDir, srv.LoginDir, c.target)
		}
		if !strings.Contains(res.Verdict, "Files will land in "+c.words+" on the server.") {
			t.Errorf("remote folder %q: verdict %q does not say where files land (%s)", c.remoteDir, res.Verdict, c.words)
		}
		if !stepDetailContains(res, stepLogin, srv.LoginDir) {
			t.Errorf("the login step does not name the login folder: %+v", res.Steps)
		}
	}
}

// A login folder that refuses files is named in the verdict by its path.
func TestDiagnoseNamesAReadOnlyLoginFolder(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{NoChroot: true, LoginNotWritable: true})
	p := profile.Profile{Name: "x", Host: srv.Host, Port: srv.Port, User: srv.User}
	res := Run(context.Background(), p, srv.Password, Options{Timeout: 30 * time.Second})
	want := "refused to create a file in the login folder (" + srv.LoginDir + ")"
	if res.PassiveOK || res.ActiveOK || !strings.Contains(res.Verdict, want) {
		t.Errorf("verdict %q; want it to contain %q", res.Verdict, want)
	}
	p.RemoteDir = ftptest.WritableSubfolder
	res = Run(context.Background(), p, srv.Password, Options{Timeout: 30 * time.Second})
	if !res.PassiveOK || !strings.Contains(res.Verdict, srv.LoginDir+"/"+ftptest.WritableSubfolder) {
		t.Errorf("with the writable subfolder: %+v", res)
	}
}

func stepDetailContains(res Result, step, s string) bool {
	for _, st := range res.Steps {
		if st.Name == step && strings.Contains(st.Detail, s) {
			return true
		}
	}
	return false
}
