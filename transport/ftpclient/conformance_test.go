package ftpclient_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// The conformance suite: every server of the harness × {passive, active} ×
// {plain, explicit TLS, implicit TLS where the server has it} × the "TLS
// session reuse required" variants, servers as shipped (TLS 1.3 allowed).
// The run ends by printing the matrix.

type matrixRow struct{ server, variant, mode, result string }

var (
	matrixMu sync.Mutex
	matrix   []matrixRow
)

func record(server, variant string, mode transport.Mode, result string) {
	matrixMu.Lock()
	defer matrixMu.Unlock()
	matrix = append(matrix, matrixRow{server, variant, mode.String(), result})
}

func TestMain(m *testing.M) {
	code := m.Run()
	matrixMu.Lock()
	rows := append([]matrixRow(nil), matrix...)
	matrixMu.Unlock()
	if len(rows) > 0 {
		sort.Slice(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			return a.server+a.variant+a.mode < b.server+b.variant+b.mode
		})
		var b strings.Builder
		fmt.Fprintln(&b, "conformance matrix (server × TLS × mode):")
		fmt.Fprintf(&b, "  %-13s %-24s %-8s %s\n", "server", "tls", "mode", "result")
		for _, r := range rows {
			fmt.Fprintf(&b, "  %-13s %-24s %-8s %s\n", r.server, r.variant, r.mode, r.result)
		}
		fmt.Print("\n" + b.String())
		// go test shows a passing package's output only with -v: the
		// Makefile asks for a copy in a file and prints it.
		if f := os.Getenv("EXCHANGE_MATRIX_FILE"); f != "" {
			_ = os.WriteFile(f, []byte(b.String()), 0o644)
		}
	}
	os.Exit(code)
}

type variant struct {
	name string
	opts ftptest.Options
}

var variants = []variant{
	{"plain", ftptest.Options{TLS: transport.TLSNone}},
	{"explicit", ftptest.Options{TLS: transport.TLSExplicit}},
	{"explicit+reuse-required", ftptest.Options{TLS: transport.TLSExplicit, RequireTLSReuse: true}},
	{"implicit", ftptest.Options{TLS: transport.TLSImplicit}},
	{"implicit+reuse-required", ftptest.Options{TLS: transport.TLSImplicit, RequireTLSReuse: true}},
	// The login folder is the user's home, not "/" (vsftpd as Debian ships
	// it, proftpd without DefaultRoot).
	{"plain+nochroot", ftptest.Options{TLS: transport.TLSNone, NoChroot: true}},
	{"explicit+nochroot", ftptest.Options{TLS: transport.TLSExplicit, NoChroot: true}},
}

func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("the conformance suite talks to five real servers; -short skips it")
	}
	big := randomBytes(t, 64<<20)
	for _, k := range ftptest.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			for _, v := range variants {
				if ok, _ := ftptest.Supports(k, v.opts); !ok {
					continue
				}
				t.Run(v.name, func(t *testing.T) {
					srv := ftptest.Start(t, k, v.opts)
					for _, mode := range modes {
						t.Run(mode.String(), func(t *testing.T) {
							conform(t, srv, mode, big)
							result := "passed"
							if t.Failed() {
								result = "FAILED"
							}
							record(string(k), v.name, mode, result)
						})
					}
				})
			}
		})
	}
}

func conform(t *testing.T, srv *ftptest.Server, mode transport.Mode, big []byte) {
	cfg := srv.Config(mode, srv.Options.TLS)
	s, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("dial: %v\n%s", err, srv.Log())
	}
	defer s.Quit()
	if got := s.LoginDir(); got != srv.LoginDir {
		t.Errorf("LoginDir() = %q; the server's login folder is %q", got, srv.LoginDir)
	}
	// Relative to the login folder, which is "/" only on servers that chroot.
	dir := mode.String() + "/sub"
	if err := s.MakeDirAll(dir); err != nil {
		t.Fatalf("MakeDirAll: %v\n%s", err, srv.Log())
	}
	for _, n := range []int{0, 1, 1 << 20, len(big)} {
		name := fmt.Sprintf("%s/f%d.bin", dir, n)
		if err := s.Store(name, bytes.NewReader(big[:n]), 0); err != nil {
			t.Fatalf("upload %d bytes: %v\n%s", n, err, srv.Log())
		}
		assertFile(t, srv.Path(name), big[:n])
		size, err := s.Size(name)
		if err != nil || size != int64(n) {
			t.Fatalf("SIZE after %d bytes = %d, %v", n, size, err)
		}
	}
	// resume: the first part, then the rest from its end
	part := dir + "/resume.bin"
	data := big[:3<<20]
	if err := s.Store(part, bytes.NewReader(data[:1<<20]), 0); err != nil {
		t.Fatal(err)
	}
	have, err := s.Size(part)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store(part, bytes.NewReader(data[have:]), have); err != nil {
		t.Fatalf("resume at %d: %v\n%s", have, err, srv.Log())
	}
	assertFile(t, srv.Path(part), data)
	// rename over an existing file
	target := dir + "/f1.bin"
	if err := s.Rename(part, target); err != nil {
		t.Fatalf("rename over an existing file: %v\n%s", err, srv.Log())
	}
	assertFile(t, srv.Path(target), data)
	if err := s.Delete(target); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.Path(target)); !os.IsNotExist(err) {
		t.Errorf("deleted file still on disk: %v", err)
	}
	algo, sum, err := s.Hash(dir + "/f1048576.bin")
	switch {
	case err == transport.ErrNotSupported:
	case err != nil:
		t.Errorf("Hash: %v", err)
	case !hashMatches(algo, sum, big[:1<<20]):
		t.Errorf("Hash = %s %s does not match the file", algo, sum)
	}
	if err := s.Noop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Quit(); err != nil && !strings.Contains(err.Error(), "closed") {
		t.Errorf("Quit: %v", err)
	}
}
