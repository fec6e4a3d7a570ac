package ftptest

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"exchange/internal/selfsigned"
	"exchange/internal/testhost"
	"exchange/transport"
	// The tests that start a real FTP server dial it as "ftp": linking
	// ftptest links the protocol in (as app/protocols.go does for the program).
	_ "exchange/transport/ftpclient"
)

// Kind names a server.
type Kind string

const (
	VSFTPD       Kind = "vsftpd"
	PureFTPd     Kind = "pure-ftpd"
	ProFTPD      Kind = "proftpd"
	Pyftpdlib    Kind = "pyftpdlib"
	FTPServerLib Kind = "ftpserverlib"
)

// Kinds lists every server of the harness.
func Kinds() []Kind { return []Kind{VSFTPD, PureFTPd, ProFTPD, Pyftpdlib, FTPServerLib} }

// Options choose a variant of a server.
type Options struct {
	// TLS: TLSNone offers no TLS; TLSExplicit offers AUTH TLS but still allows
	// plain sessions; TLSImplicit speaks TLS from the first byte.
	TLS transport.TLSMode
	// RequireTLSReuse makes the server refuse data connections that do not
	// resume the control connection's TLS session (vsftpd, proftpd).
	RequireTLSReuse bool
	// TLS12Only caps the server at TLS 1.2 (otherwise TLS 1.3 is allowed, as shipped).
	TLS12Only bool
	// Dir is where the server's folder (its root, configuration and logs) is
	// made; empty means the system's temporary folder.
	Dir string
	// NoChroot logs the user in to a home folder that is not "/": "/" is the
	// machine's root, as with vsftpd as Debian ships it or proftpd without
	// DefaultRoot (vsftpd, proftpd). PWD then names the home's full path.
	NoChroot bool
	// LoginNotWritable makes the login folder the user's but not writable by
	// it; only its subfolder WritableSubfolder takes files (the system servers).
	LoginNotWritable bool
	// MaxClients, when not 0, is how many sessions the server accepts at
	// once; one more is refused with 421 at the greeting (vsftpd
	// max_clients, pure-ftpd -c).
	MaxClients int
}

// WritableSubfolder is the one writable folder under a LoginNotWritable login folder.
const WritableSubfolder = "incoming"

// Supports says whether a server can run a variant, and why not.
func Supports(k Kind, o Options) (bool, string) {
	if o.TLS == transport.TLSImplicit && (k == PureFTPd || k == Pyftpdlib) {
		return false, string(k) + " has no implicit TLS"
	}
	if o.RequireTLSReuse && k != VSFTPD && k != ProFTPD {
		return false, string(k) + " has no 'TLS session reuse required' setting"
	}
	if o.NoChroot && k != VSFTPD && k != ProFTPD {
		return false, string(k) + " has no non-chrooting variant here"
	}
	if o.LoginNotWritable && k != VSFTPD && k != ProFTPD && k != PureFTPd {
		return false, string(k) + " does not run as the test user, so file modes do not bind it"
	}
	if o.MaxClients > 0 && k != VSFTPD && k != PureFTPd {
		return false, string(k) + " has no connection limit set up here"
	}
	return true, ""
}

// Server is a running test server.
type Server struct {
	Kind     Kind
	Host     string
	Port     int
	User     string
	Password string
	// Dir is the login folder on disk: where relative paths land.
	Dir string
	// Root is the folder on disk the FTP user sees as "/": Dir on a server
	// that chroots, the machine's "/" with NoChroot.
	Root string
	// LoginDir is the login folder as the server names it (PWD): "/", or
	// Dir's full path with NoChroot.
	LoginDir string
	// Fingerprint is the SHA-256 of the certificate (colon hex); RootCAs trusts it.
	Fingerprint string
	RootCAs     *x509.CertPool
	Options     Options

	work    string
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the server process has ended
	logs    []string      // files whose content explains a failure
	stop    func()
	stopped sync.Once
	// certPEM is the server's certificate, which a broker hands on.
	certPEM []byte
}

// Path is where a remote path of the server lies on disk: an absolute one
// under Root, a relative one under the login folder Dir.
func (s *Server) Path(remote string) string {
	if strings.HasPrefix(remote, "/") {
		return filepath.Join(s.Root, filepath.FromSlash(remote))
	}
	return filepath.Join(s.Dir, filepath.FromSlash(remote))
}

// Config is a client configuration for this server, trusting its certificate by pin.
func (s *Server) Config(mode transport.Mode, tlsMode transport.TLSMode) transport.Config {
	return transport.Config{Host: s.Host, Port: s.Port, User: s.User, Password: s.Password,
		Mode: mode, TLS: tlsMode, PinnedSHA256: s.Fingerprint, Timeout: Scaled(10 * time.Second)}
}

// Log returns the server's log files, for a failure message.
func (s *Server) Log() string {
	var b strings.Builder
	for _, f := range s.logs {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if len(raw) > 8000 {
			raw = raw[len(raw)-8000:]
		}
		fmt.Fprintf(&b, "--- %s\n%s\n", filepath.Base(f), raw)
	}
	return b.String()
}

// Stop ends the server and every session process it forked. Safe to call twice.
func (s *Server) Stop() {
	s.stopped.Do(func() {
		if s.stop != nil {
			s.stop()
		}
		if s.cmd != nil && s.cmd.Process != nil {
			pgid := s.cmd.Process.Pid
			killGroup(pgid, false)
			select {
			case <-s.exited:
			case <-time.After(Scaled(5 * time.Second)):
				killGroup(pgid, true)
				<-s.exited
			}
			// Session processes forked by the server share its process group.
			deadline := time.Now().Add(Scaled(5 * time.Second))
			for len(GroupProcesses(pgid)) > 0 && time.Now().Before(deadline) {
				killGroup(pgid, true)
				time.Sleep(20 * time.Millisecond)
			}
		}
		if s.work != "" {
			_ = os.RemoveAll(s.work)
		}
	})
}

// Pid is the server's process id (its process group), or 0 when in process.
func (s *Server) Pid() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// GroupProcesses lists the live processes of a process group.
func GroupProcesses(pgid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		var pid int
		if _, err := fmt.Sscanf(e.Name(), "%d", &pid); err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces: cut after ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		var state byte
		var ppid, pgrp int
		if _, err := fmt.Sscanf(string(stat[i+1:]), " %c %d %d", &state, &ppid, &pgrp); err != nil {
			continue
		}
		if pgrp == pgid && state != 'Z' {
			out = append(out, pid)
		}
	}
	return out
}

// Start starts a server of kind k for the test and stops it at cleanup.
func Start(t testing.TB, k Kind, o Options) *Server {
	t.Helper()
	if ok, why := Supports(k, o); !ok {
		t.Fatalf("ftptest: %s", why)
	}
	s, err := start(k, o)
	if err != nil {
		missing(t, k, err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Launch starts a server outside a test (benchmarks); the caller must Stop it.
func Launch(k Kind, o Options) (*Server, error) {
	if ok, why := Supports(k, o); !ok {
		return nil, fmt.Errorf("ftptest: %s", why)
	}
	return start(k, o)
}

// errMissing marks a server that is not installed.
type errMissing struct{ what string }

func (e errMissing) Error() string { return e.what + " is not installed" }

func missing(t testing.TB, k Kind, err error) {
	t.Helper()
	if _, ok := err.(errMissing); ok {
		msg := fmt.Sprintf("%s: %v; install the test servers with: sudo bash scripts/install-ftp-servers.sh", k, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Fatalf("start %s: %v", k, err)
}

func start(k Kind, o Options) (*Server, error) {
	if broker := os.Getenv(BrokerEnv); broker != "" && k != FTPServerLib {
		return startRemote(broker, k, o)
	}
	return startHere(k, o)
}

// startHere starts the server in or from this process.
func startHere(k Kind, o Options) (*Server, error) {
	cert, err := selfsigned.New("exchange-ftptest")
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp(o.Dir, "exchange-ftptest-"+string(k)+"-")
	if err != nil {
		return nil, err
	}
	// Servers drop privileges to the test user: it must reach the folders.
	if err := os.Chmod(work, 0o755); err != nil {
		return nil, err
	}
	s := &Server{Kind: k, Host: "127.0.0.1", User: "exftp", Password: "Exchange-test-1",
		Dir: filepath.Join(work, "root"), Fingerprint: cert.SHA256, RootCAs: cert.Pool, Options: o, work: work}
	s.Root, s.LoginDir, s.certPEM = s.Dir, "/", cert.CertPEM
	if o.NoChroot {
		s.Root, s.LoginDir = "/", filepath.ToSlash(s.Dir)
	}
	if err := os.MkdirAll(s.Dir, 0o777); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(work, "cert.pem"), cert.CertPEM, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(work, "key.pem"), cert.KeyPEM, 0o600); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(work, "both.pem"), append(append([]byte{}, cert.KeyPEM...), cert.CertPEM...), 0o600); err != nil {
		return nil, err
	}
	if s.Port, err = testhost.FreePort(); err != nil {
		return nil, err
	}
	var launch func(s *Server, pasvMin, pasvMax int) (*exec.Cmd, error)
	switch k {
	case VSFTPD:
		launch = launchVsftpd
	case PureFTPd:
		launch = launchPureFTPd
	case ProFTPD:
		launch = launchProFTPD
	case Pyftpdlib:
		launch = launchPyftpdlib
	case FTPServerLib:
		s.User = "clerk"
		if err := startInProcess(s, cert); err != nil {
			s.Stop()
			return nil, err
		}
		return s, waitBanner(s)
	default:
		return nil, fmt.Errorf("unknown server kind %q", k)
	}
	pasvMin, pasvMax, err := pasvRange()
	if err != nil {
		return nil, err
	}
	cmd, err := launch(s, pasvMin, pasvMax)
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.cmd = cmd
	if err := waitBanner(s); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// run starts a server process in its own process group, output to a log file.
func (s *Server) run(name string, env []string, args ...string) (*exec.Cmd, error) {
	if _, err := os.Stat(name); err != nil {
		return nil, errMissing{name}
	}
	out := filepath.Join(s.work, "stdout.log")
	f, err := os.Create(out)
	if err != nil {
		return nil, err
	}
	s.logs = append(s.logs, out)
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.Dir = s.work
	cmd.Env = append(os.Environ(), env...)
	if s.Options.TLS12Only {
		conf := filepath.Join(s.work, "openssl-tls12.cnf")
		if err := os.WriteFile(conf, []byte(opensslTLS12), 0o644); err != nil {
			return nil, err
		}
		cmd.Env = append(cmd.Env, "OPENSSL_CONF="+conf)
	}
	inOwnProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	f.Close()
	s.exited = make(chan struct{})
	go func() { _ = cmd.Wait(); close(s.exited) }()
	return cmd, nil
}

const opensslTLS12 = `openssl_conf = default_conf
[default_conf]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
MaxProtocol = TLSv1.2
`

// waitBanner waits until the server answers with a 220 banner.
func waitBanner(s *Server) error {
	deadline := time.Now().Add(Scaled(15 * time.Second))
	var last error
	for time.Now().Before(deadline) {
		if s.exited != nil && isClosed(s.exited) {
			return fmt.Errorf("%s exited at start\n%s", s.Kind, s.Log())
		}
		last = probeBanner(s)
		if last == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer on port %d: %v\n%s", s.Kind, s.Port, last, s.Log())
}

func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func probeBanner(s *Server) error {
	c, err := net.DialTimeout("tcp", net.JoinHostPort(s.Host, fmt.Sprint(s.Port)), Scaled(time.Second))
	if err != nil {
		return err
	}
	defer c.Close()
	if s.Options.TLS == transport.TLSImplicit {
		return nil // the banner comes after a handshake; the port answering is enough
	}
	_ = c.SetReadDeadline(time.Now().Add(Scaled(2 * time.Second)))
	buf := make([]byte, 4)
	if _, err := c.Read(buf); err != nil {
		return err
	}
	if string(buf[:3]) != "220" {
		return fmt.Errorf("banner starts %q", buf)
	}
	return nil
}
