package uploader

import (
	"errors"
	"fmt"
	"strings"

	"exchange/transport/ftpclient"
)

// verify checks the size of the temporary file, and its hash when the
// server offers one.
func (t *transfer) verify() error {
	size, exists, err := remoteSize(t.sess, t.temp)
	if err != nil {
		return err
	}
	if !exists || size != t.rec.Size {
		return &verifyError{fmt.Sprintf("verify %s: the server has %d bytes, the local file %d", t.temp, size, t.rec.Size)}
	}
	algo, sum, err := t.sess.Hash(t.temp)
	if err != nil {
		var fe *ftpclient.Error
		if errors.Is(err, ftpclient.ErrNotSupported) || errors.As(err, &fe) && fe.Code != 0 {
			return nil // no usable hash command: the size check stands
		}
		return err // the connection failed
	}
	local := t.rec.SHA256
	if h, _ := newHash(algo); h == nil {
		return nil
	} else if !strings.EqualFold(strings.ReplaceAll(algo, "-", ""), "sha256") {
		if local, err = hashFile(t.rec.Path, algo); err != nil {
			return err
		}
	}
	if !strings.EqualFold(local, sum) {
		return &verifyError{fmt.Sprintf("verify %s: the server's %s is %s, the local file's %s", t.temp, algo, sum, local)}
	}
	return nil
}

// remoteSize returns the size of a remote file, and false when it does not exist.
func remoteSize(sess ftpclient.Session, path string) (int64, bool, error) {
	size, err := sess.Size(path)
	if err == nil {
		return size, true, nil
	}
	var fe *ftpclient.Error
	if errors.As(err, &fe) && (fe.Code == 550 || fe.Code == 450 || fe.Code == 553) {
		return 0, false, nil
	}
	return 0, false, err
}
