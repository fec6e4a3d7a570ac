//go:build unix

package diagnose

import (
	"os"
	"syscall"

	"exchange/internal/ftptest"
)

// mkdirOwned makes a folder on the non-chrooting server, owned by its user
// (the path on disk is the remote path: "/" is the machine's root).
func mkdirOwned(srv *ftptest.Server, remote string) error {
	dir := srv.Path(remote)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	st, err := os.Stat(srv.Dir)
	if err != nil {
		return err
	}
	sys := st.Sys().(*syscall.Stat_t)
	return os.Chown(dir, int(sys.Uid), int(sys.Gid))
}
