package diagnose

import (
	"context"
	"strings"
	"testing"
	"time"

	"exchange/internal/sshtest"
	"exchange/internal/testwait"
	"exchange/profile"
)

func sftpDiagnose(t *testing.T, srv *sshtest.Server, mutate func(*profile.Profile), password string) Result {
	t.Helper()
	p := profile.Profile{Name: "s", Protocol: profile.ProtocolSFTP, Host: srv.Host, Port: srv.Port, User: srv.User,
		PinnedSHA256: srv.HostKey.Fingerprint, RemoteDir: "in"}
	if mutate != nil {
		mutate(&p)
	}
	t.Setenv("SSH_AUTH_SOCK", "")
	return Run(context.Background(), p, password, Options{Timeout: testwait.Scaled(10 * time.Second)})
}

func TestSFTPEverythingWorks(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{Chroot: true})
	res := sftpDiagnose(t, srv, func(p *profile.Profile) { p.RemoteDir = "" }, srv.Password)
	for _, s := range res.Steps {
		if s.Status != OK {
			t.Errorf("step %q: %s %s", s.Name, s.Status, s.Detail)
		}
	}
	if len(res.Steps) != 8 || res.HostKey != srv.HostKey.Fingerprint || res.LoginDir != "/upload" ||
		!strings.Contains(res.Verdict, "Everything works over SFTP") {
		t.Errorf("result %+v", res)
	}
	for _, s := range res.Steps {
		if s.Name == stepAuthMethods && (!strings.Contains(s.Detail, "publickey") || !strings.Contains(s.Detail, "password")) {
			t.Errorf("methods offered: %q", s.Detail)
		}
		if s.Name == stepSSHBanner && !strings.HasPrefix(s.Detail, "SSH-2.0-OpenSSH") {
			t.Errorf("banner: %q", s.Detail)
		}
	}
}

func TestSFTPChangedHostKeyWarns(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	other, err := sshtest.NewKeyPair("")
	if err != nil {
		t.Fatal(err)
	}
	res := sftpDiagnose(t, srv, func(p *profile.Profile) { p.PinnedSHA256 = other.Fingerprint }, srv.Password)
	if statuses(res)[stepHostKey] != Failed || statuses(res)[stepLogin] != Skipped || !strings.HasPrefix(res.Verdict, "Warning") {
		t.Errorf("verdict %q, steps %+v", res.Verdict, res.Steps)
	}
}

func TestSFTPWrongPasswordAndReadOnlyFolder(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	res := sftpDiagnose(t, srv, nil, "wrong")
	if statuses(res)[stepLogin] != Failed || !strings.Contains(res.Verdict, "refused the login") || !strings.Contains(res.Advice, "password") {
		t.Errorf("wrong password: %q / %q", res.Verdict, res.Advice)
	}
	res = sftpDiagnose(t, srv, func(p *profile.Profile) { p.RemoteDir = sshtest.ReadOnlyFolder }, srv.Password)
	if statuses(res)[stepSFTPWrite] != Failed || !strings.Contains(res.Verdict, "refused to create a file") {
		t.Errorf("read-only folder: %q, steps %+v", res.Verdict, res.Steps)
	}
}

// An FTP server whose data connections fail in both modes, with an SSH
// server on the same host: the advice says SFTP would avoid the problem.
func TestFTPDataBlockedSuggestsSFTP(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	defer func(old int) { sshPort = old }(sshPort)
	sshPort = srv.Port
	port := blockedPassive(t, false)
	res := Run(context.Background(), profile.Profile{Name: "x", Host: "127.0.0.1", Port: port, User: "u"}, "p", Options{Timeout: testwait.Scaled(2 * time.Second)})
	if res.PassiveOK || res.ActiveOK || !res.SSHOffered || !strings.Contains(res.Advice, "switching the profile to SFTP") {
		t.Fatalf("offered %v, advice %q", res.SSHOffered, res.Advice)
	}
}
