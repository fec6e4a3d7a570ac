package sshtest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"

	"exchange/internal/testwait"
)

func login(t *testing.T, s *Server, auth ssh.AuthMethod) (*sftp.Client, error) {
	t.Helper()
	cfg := &ssh.ClientConfig{User: s.User, Auth: []ssh.AuthMethod{auth},
		HostKeyCallback: ssh.FixedHostKey(s.HostKey.Signer.PublicKey()), Timeout: testwait.Scaled(10 * time.Second)}
	conn, err := ssh.Dial("tcp", s.Addr(), cfg)
	if err != nil {
		return nil, err
	}
	c, err := sftp.NewClient(conn)
	if err != nil {
		conn.Close()
		return nil, err
	}
	t.Cleanup(func() { c.Close(); conn.Close() })
	return c, nil
}

// Both variants accept the password and the key, start in the login
// folder, store files in Dir, and refuse writes in the read-only folder.
func TestSshdVariants(t *testing.T) {
	for _, chroot := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "chroot"}[chroot]
		t.Run(name, func(t *testing.T) {
			s := Start(t, Options{Chroot: chroot})
			for method, auth := range map[string]ssh.AuthMethod{"password": ssh.Password(s.Password), "key": ssh.PublicKeys(s.ClientKey.Signer)} {
				c, err := login(t, s, auth)
				if err != nil {
					t.Fatalf("%s login: %v", method, err)
				}
				wd, err := c.Getwd()
				if err != nil || wd != s.LoginDir {
					t.Fatalf("%s: working folder %q (%v), want %q", method, wd, err, s.LoginDir)
				}
				f, err := c.Create(method + ".txt")
				if err != nil {
					t.Fatalf("%s: create: %v", method, err)
				}
				if _, err := f.Write([]byte(method)); err != nil {
					t.Fatal(err)
				}
				f.Close()
				if b, err := os.ReadFile(filepath.Join(s.Dir, method+".txt")); err != nil || string(b) != method {
					t.Fatalf("%s: the file on disk holds %q (%v)", method, b, err)
				}
				if _, err := c.Create(ReadOnlyFolder + "/x"); !errors.Is(err, os.ErrPermission) {
					t.Fatalf("%s: create in the read-only folder: %v, want permission denied", method, err)
				}
			}
			if _, err := login(t, s, ssh.Password("wrong")); err == nil {
				t.Fatal("a wrong password logged in")
			}
		})
	}
}
