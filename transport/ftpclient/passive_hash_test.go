package ftpclient_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestPassiveSessionChecksHashes: a passive session on a server whose FEAT
// offers a checksum command (HASH, XSHA256, XMD5, XCRC) returns the right
// checksum of an uploaded file, plain and over explicit TLS; over TLS the
// certificate is confirmed once, not again for the checksum connection
// (issue 14 item 8). Servers that offer none answer ErrNotSupported.
func TestPassiveSessionChecksHashes(t *testing.T) {
	data := make([]byte, 1<<20)
	_, _ = rand.Read(data)
	offered := 0
	for _, kind := range ftptest.Kinds() {
		for _, tlsMode := range []transport.TLSMode{transport.TLSNone, transport.TLSExplicit} {
			t.Run(fmt.Sprintf("%s/%s", kind, tlsMode), func(t *testing.T) {
				srv := ftptest.Start(t, kind, ftptest.Options{TLS: tlsMode})
				if err := os.MkdirAll(srv.Path("/h"), 0o777); err != nil {
					t.Fatal(err)
				}
				_ = os.Chmod(srv.Path("/h"), 0o777)
				cfg := srv.Config(transport.Passive, tlsMode)
				var confirmations atomic.Int32
				if tlsMode != transport.TLSNone {
					cfg.PinnedSHA256 = ""
					cfg.ConfirmCertificate = func(transport.CertInfo) bool {
						confirmations.Add(1)
						return true
					}
				}
				s, err := ftpclient.Dial(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Quit()
				if err := s.Store("/h/f.bin", bytes.NewReader(data), 0); err != nil {
					t.Fatal(err)
				}
				algo, sum, err := s.Hash("/h/f.bin")
				features := s.Features()
				offers := false
				for _, c := range []string{"HASH", "XSHA256", "XSHA1", "XMD5", "XCRC"} {
					if _, ok := features[c]; ok {
						offers = true
					}
				}
				switch {
				case !offers && !errors.Is(err, transport.ErrNotSupported):
					t.Errorf("no checksum command offered, Hash = %s %s, %v", algo, sum, err)
				case offers && err != nil:
					t.Errorf("FEAT offers a checksum, Hash failed: %v", err)
				case offers && !hashMatches(algo, sum, data):
					t.Errorf("Hash = %s %s does not match the file", algo, sum)
				case offers:
					offered++
				}
				// A second file goes through the same checksum connection.
				if offers {
					if err := s.Store("/h/g.bin", bytes.NewReader(data[:1000]), 0); err != nil {
						t.Fatal(err)
					}
					if algo, sum, err := s.Hash("/h/g.bin"); err != nil || !hashMatches(algo, sum, data[:1000]) {
						t.Errorf("second Hash = %s %s, %v", algo, sum, err)
					}
				}
				if n := confirmations.Load(); tlsMode != transport.TLSNone && n != 1 {
					t.Errorf("the certificate was confirmed %d times, want once", n)
				}
			})
		}
	}
	if offered == 0 {
		t.Error("no server offered a checksum command: the test proved nothing")
	}
	t.Logf("%d of %d variants offered a checksum and were checked", offered, 2*len(ftptest.Kinds()))
}
