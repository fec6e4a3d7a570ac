package sftpclient_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/sshtest"
	"exchange/internal/testwait"
	"exchange/transport"
	"exchange/transport/sftpclient"
)

// variants runs f against both test sshd variants.
func variants(t *testing.T, f func(t *testing.T, srv *sshtest.Server)) {
	for _, chroot := range []bool{false, true} {
		name := map[bool]string{false: "sshd", true: "sshd-chroot"}[chroot]
		t.Run(name, func(t *testing.T) {
			f(t, sshtest.Start(t, sshtest.Options{Chroot: chroot}))
		})
	}
}

func passwordConfig(srv *sshtest.Server) sftpclient.Config {
	return sftpclient.Config{Host: srv.Host, Port: srv.Port, User: srv.User, Password: srv.Password,
		HostKey: srv.HostKey.Fingerprint, NoAgent: true, Timeout: testwait.Scaled(10 * time.Second)}
}

// dial connects and wraps the session as the registered Dial does
// (transport.Decorate), so the tests see what the service sees.
func dial(t *testing.T, cfg sftpclient.Config) transport.Session {
	t.Helper()
	s, err := sftpclient.Connect(context.Background(), cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { s.Quit() })
	return transport.Decorate(s)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{byte(n), byte(n >> 8), byte(n >> 16)})
	_, _ = r.Read(b)
	return b
}

func TestStoreIsByteIdentical(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		s := dial(t, passwordConfig(srv))
		if s.LoginDir() != srv.LoginDir {
			t.Errorf("LoginDir = %q, want %q", s.LoginDir(), srv.LoginDir)
		}
		for _, size := range []int{0, 1, 32 << 10, 32<<10 + 1, 1 << 20, 64 << 20} {
			data := randomBytes(size)
			name := strings.ReplaceAll(t.Name(), "/", "_") + ".bin"
			if err := s.Store(name, bytes.NewReader(data), 0); err != nil {
				t.Fatalf("store %d bytes: %v", size, err)
			}
			if got, err := s.Size(name); err != nil || got != int64(size) {
				t.Fatalf("size after storing %d bytes: %d, %v", size, got, err)
			}
			onDisk, err := os.ReadFile(filepath.Join(srv.Dir, name))
			if err != nil || !bytes.Equal(onDisk, data) {
				t.Fatalf("%d bytes: the server's file differs (%d bytes, %v)", size, len(onDisk), err)
			}
		}
	})
}

// A second Store from an offset continues the file; a Store from 0
// replaces a longer file entirely.
func TestResumeAndRestart(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		s := dial(t, passwordConfig(srv))
		data := randomBytes(3<<20 + 17)
		half := int64(len(data) / 2)
		if err := s.Store("part", bytes.NewReader(data[:half]), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.Store("part", bytes.NewReader(data[half:]), half); err != nil {
			t.Fatalf("resume: %v", err)
		}
		if onDisk, _ := os.ReadFile(filepath.Join(srv.Dir, "part")); !bytes.Equal(onDisk, data) {
			t.Fatalf("resumed file differs: %d bytes, want %d", len(onDisk), len(data))
		}
		if err := s.Store("part", strings.NewReader("short"), 0); err != nil {
			t.Fatal(err)
		}
		if onDisk, _ := os.ReadFile(filepath.Join(srv.Dir, "part")); string(onDisk) != "short" {
			t.Fatalf("a fresh store left %d bytes, want the 5 of it", len(onDisk))
		}
	})
}

func TestRenameOverAnExistingFileAndDelete(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		s := dial(t, passwordConfig(srv))
		if _, ok := s.Features()["POSIX-RENAME@OPENSSH.COM"]; !ok {
			t.Fatalf("OpenSSH did not announce posix-rename: %v", s.Features())
		}
		if err := s.MakeDirAll("in/box"); err != nil {
			t.Fatal(err)
		}
		if err := s.MakeDirAll("in/box"); err != nil {
			t.Fatalf("MakeDirAll of an existing folder: %v", err)
		}
		for name, content := range map[string]string{"in/box/a.al3": "old", "in/box/.a.al3.part": "new"} {
			if err := s.Store(name, strings.NewReader(content), 0); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Rename("in/box/.a.al3.part", "in/box/a.al3"); err != nil {
			t.Fatalf("rename over an existing file: %v", err)
		}
		if b, _ := os.ReadFile(filepath.Join(srv.Dir, "in/box/a.al3")); string(b) != "new" {
			t.Fatalf("after the rename the file holds %q", b)
		}
		if _, err := s.Size("in/box/.a.al3.part"); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("the temporary name still answers: %v", err)
		}
		if err := s.Delete("in/box/a.al3"); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(srv.Dir, "in/box/a.al3")); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("delete left the file: %v", err)
		}
		algo, _, err := s.Hash("x")
		if !errors.Is(err, transport.ErrNotSupported) {
			t.Fatalf("Hash = %q, %v; want ErrNotSupported", algo, err)
		}
		if err := s.Noop(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPermissionDeniedIsPermanentAndSaysSo(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		s := dial(t, passwordConfig(srv))
		err := s.Store(sshtest.ReadOnlyFolder+"/a.al3", strings.NewReader("x"), 0)
		if err == nil {
			t.Fatal("stored into a folder the user cannot write to")
		}
		if c := transport.ClassOf(err); c != transport.ClassPermanent {
			t.Errorf("class %v, want permanent (%v)", c, err)
		}
		if h := transport.HintOf(err); !strings.Contains(h, "no permission") {
			t.Errorf("hint %q does not say permission", h)
		}
		if err := s.Noop(); err != nil {
			t.Fatalf("the session did not survive a refusal: %v", err)
		}
	})
}

func TestNamesWithLineBreaksAreRefusedLocally(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	s := dial(t, passwordConfig(srv))
	err := s.Store("a\nb.al3", strings.NewReader("x"), 0)
	var fe *transport.Error
	if !errors.As(err, &fe) || !fe.Local {
		t.Fatalf("a name with LF: %v, want a local refusal", err)
	}
}

// A full disk on the server is a permanent failure that says so, and the
// temporary file is not left longer than what was surely written.
func TestDiskFull(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		srv.SmallDisk(t, "full", 1<<20)
		s := dial(t, passwordConfig(srv))
		data := randomBytes(2 << 20)
		err := s.Store("full/.big.part", bytes.NewReader(data), 0)
		if err == nil {
			t.Fatal("2 MiB fit on a 1 MiB disk")
		}
		if c := transport.ClassOf(err); c != transport.ClassPermanent {
			t.Errorf("class %v, want permanent: %v", c, err)
		}
		if h := transport.HintOf(err); !strings.Contains(h, "no room left") {
			t.Errorf("hint %q (%v)", h, err)
		}
		onDisk, _ := os.ReadFile(filepath.Join(srv.Dir, "full/.big.part"))
		if !bytes.Equal(onDisk, data[:len(onDisk)]) {
			t.Errorf("the %d bytes left are not the file's start", len(onDisk))
		}
		if err := s.Noop(); err != nil {
			t.Errorf("the session did not survive a full disk: %v", err)
		}
	})
}
