package uploader

import (
	"errors"
	"fmt"
	"strings"

	"exchange/transport"
)

// verify checks the size of the temporary file, and its hash when the
// server offers one.
func (t *transfer) verify() error {
	size, exists, err := transport.SizeIfExists(t.sess, t.temp)
	if err != nil {
		return err
	}
	if !exists || size != t.rec.Size {
		return &verifyError{fmt.Sprintf("verify %s: the server has %d bytes, the local file %d", t.temp, size, t.rec.Size)}
	}
	algo, sum, err := t.sess.Hash(t.temp)
	if err != nil {
		if errors.Is(err, transport.ErrNotSupported) || transport.IsReply(err) {
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
