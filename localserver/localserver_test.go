package localserver

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jlaffaye/ftp"
)

func TestPassiveUploadLandsInDir(t *testing.T) {
	dir := t.TempDir()
	srv, err := Start(Options{Dir: dir, User: "agent", Password: "secret"})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") || srv.Port() == 0 {
		t.Fatalf("unexpected address %q", srv.Addr())
	}

	bad, err := ftp.Dial(srv.Addr(), ftp.DialWithTimeout(5*time.Second))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	if err := bad.Login("agent", "wrong"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	_ = bad.Quit()

	conn, err := ftp.Dial(srv.Addr(), ftp.DialWithTimeout(5*time.Second))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer func() { _ = conn.Quit() }()
	if err := conn.Login("agent", "secret"); err != nil {
		t.Fatalf("login: %v", err)
	}
	payload := make([]byte, 256<<10)
	if _, err := rand.Read(payload); err != nil {
		t.Fatal(err)
	}
	if err := conn.Stor("up.bin.part", bytes.NewReader(payload)); err != nil {
		t.Fatalf("stor: %v", err)
	}
	if err := conn.Rename("up.bin.part", "up.bin"); err != nil {
		t.Fatalf("rename: %v", err)
	}
	size, err := conn.FileSize("up.bin")
	if err != nil || size != int64(len(payload)) {
		t.Fatalf("SIZE = %d, %v; want %d", size, err, len(payload))
	}
	got, err := os.ReadFile(filepath.Join(dir, "up.bin"))
	if err != nil {
		t.Fatalf("read uploaded file: %v", err)
	}
	if !bytes.Equal(got, payload) {
		t.Fatal("uploaded bytes differ from what was sent")
	}
}
