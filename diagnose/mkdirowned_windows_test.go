package diagnose

import (
	"os"

	"exchange/internal/ftptest"
)

// mkdirOwned makes the folder on the broker's Linux server through wine's
// Z: drive. A Windows process cannot give it to the server's Unix user, so
// the folder is made writable by all instead.
func mkdirOwned(srv *ftptest.Server, remote string) error {
	dir := srv.Path(remote)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	return os.Chmod(dir, 0o777)
}
