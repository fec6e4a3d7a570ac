package sshtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// SmallDisk mounts a tmpfs of size bytes as the folder name under the login
// folder, writable by the test user, and unmounts it when the test ends: a
// server disk that fills up.
func (s *Server) SmallDisk(t testing.TB, name string, size int64) {
	t.Helper()
	dir := filepath.Join(s.Dir, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	uid, gid, err := ensureUser()
	if err != nil {
		t.Fatal(err)
	}
	opts := fmt.Sprintf("size=%d,uid=%d,gid=%d,mode=0755", size, uid, gid)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount a small disk: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
}
