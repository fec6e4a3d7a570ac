package sshtest

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/testhost"
	"exchange/internal/testwait"
	"exchange/internal/wine"
)

// sshdPath is Debian's sshd; it must be run by its absolute path.
const sshdPath = "/usr/sbin/sshd"

// ReadOnlyFolder is a folder under the login folder the test user cannot write to.
const ReadOnlyFolder = "readonly"

// Options choose the variant of a test sshd.
type Options struct {
	// Chroot locks the user in a chroot (ChrootDirectory + internal-sftp):
	// the login folder is then "/upload". Without it the login folder is
	// the real path of Dir.
	Chroot bool
	// HostKey is the server's key; nil means a fresh one.
	HostKey *KeyPair
}

// Server is a running sshd for one test.
type Server struct {
	Options
	Host     string
	Port     int
	User     string
	Password string
	// ClientKey is authorized to log in as User.
	ClientKey KeyPair
	// HostKey is the server's key; HostKey.Fingerprint is its SHA256 fingerprint.
	HostKey KeyPair
	// Dir is where the login folder is on this machine: uploads land here.
	Dir string
	// LoginDir is the login folder as the SFTP client sees it.
	LoginDir string

	work string
	log  string
	cmd  *exec.Cmd
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, fmt.Sprint(s.Port)) }

// Start runs sshd for the test and stops it at the test's end. It skips (or
// fails under CI=true) when sshd is not installed. Under wine it skips
// saying why: sshd is a Linux program started as root, and the broker that
// serves the Windows test binaries (make test-windows) runs the FTP servers
// only.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	wine.SkipUnder(t, "the test sshd is a Linux program started as root, and the broker runs only the FTP servers: the sshd cases run in the Linux tests")
	if _, err := os.Stat(sshdPath); err != nil {
		msg := "sshd is not installed; install it with: sudo bash scripts/install-deps.sh test"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	s, err := start(o)
	if err != nil {
		t.Fatalf("start sshd: %v", err)
	}
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			if b, err := os.ReadFile(s.log); err == nil {
				t.Logf("sshd log:\n%s", b)
			}
		}
		_ = os.RemoveAll(s.work)
	})
	return s
}

// Launch runs sshd outside a test (benchmarks); Close stops it and removes its folders.
func Launch(o Options) (*Server, error) {
	if _, err := os.Stat(sshdPath); err != nil {
		return nil, fmt.Errorf("sshd is not installed (scripts/install-deps.sh test): %w", err)
	}
	return start(o)
}

// Close stops sshd and removes its folders.
func (s *Server) Close() {
	s.Stop()
	_ = os.RemoveAll(s.work)
}

func start(o Options) (*Server, error) {
	uid, gid, err := ensureUser()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil { // sshd's privilege separation folder
		return nil, err
	}
	work, err := os.MkdirTemp(base, "sshd-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(work, 0o755); err != nil {
		return nil, err
	}
	s := &Server{Options: o, Host: "127.0.0.1", User: TestUser, Password: TestPassword, work: work,
		log: filepath.Join(work, "sshd.log")}
	if err := s.prepare(uid, gid); err != nil {
		return nil, err
	}
	var lastErr error
	for range 5 { // a port found free may be taken by the time sshd binds it
		if lastErr = s.launch(); lastErr == nil {
			return s, nil
		}
	}
	return nil, lastErr
}

// prepare writes the keys, the folders and the configuration.
func (s *Server) prepare(uid, gid int) error {
	if s.Options.HostKey != nil {
		s.HostKey = *s.Options.HostKey
	} else {
		k, err := NewKeyPair("")
		if err != nil {
			return err
		}
		s.HostKey = k
	}
	k, err := NewKeyPair("")
	if err != nil {
		return err
	}
	s.ClientKey = k
	hostKeyFile := filepath.Join(s.work, "host_key")
	authorized := filepath.Join(s.work, "authorized_keys")
	if err := os.WriteFile(hostKeyFile, s.HostKey.PrivatePEM, 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(authorized, s.ClientKey.AuthorizedKey, 0o644); err != nil {
		return err
	}
	var chroot string
	if s.Chroot {
		chroot = filepath.Join(s.work, "root") // root-owned, as sshd demands
		if err := os.Mkdir(chroot, 0o755); err != nil {
			return err
		}
		s.Dir, s.LoginDir = filepath.Join(chroot, "upload"), "/upload"
	} else {
		s.Dir = filepath.Join(s.work, "home")
		s.LoginDir = s.Dir
	}
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		return err
	}
	if err := os.Chown(s.Dir, uid, gid); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.Dir, ReadOnlyFolder), 0o755); err != nil { // root's: not writable by the user
		return err
	}
	conf := []string{
		"ListenAddress 127.0.0.1",
		"HostKey " + hostKeyFile,
		"PidFile " + filepath.Join(s.work, "sshd.pid"),
		"AuthorizedKeysFile " + authorized,
		"StrictModes no",
		"UsePAM no",
		"PasswordAuthentication yes",
		"KbdInteractiveAuthentication no",
		"PubkeyAuthentication yes",
		"PermitRootLogin no",
		"AllowUsers " + TestUser,
		"MaxStartups 100",
		"LogLevel VERBOSE",
		"Subsystem sftp internal-sftp -d " + s.LoginDir,
		"ForceCommand internal-sftp -d " + s.LoginDir,
	}
	if chroot != "" {
		conf = append(conf, "ChrootDirectory "+chroot)
	}
	return os.WriteFile(filepath.Join(s.work, "sshd_config"), []byte(strings.Join(conf, "\n")+"\n"), 0o600)
}

// Authorize lets key log in as User too (sshd reads authorized_keys at each login).
func (s *Server) Authorize(t testing.TB, key KeyPair) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(s.work, "authorized_keys"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(key.AuthorizedKey); err != nil {
		t.Fatal(err)
	}
}

// launch starts sshd on a free port and waits for its banner.
func (s *Server) launch() error {
	port, err := testhost.FreePort()
	if err != nil {
		return err
	}
	logFile, err := os.Create(s.log)
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := exec.Command(sshdPath, "-D", "-e", "-f", filepath.Join(s.work, "sshd_config"), "-p", fmt.Sprint(port))
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run sshd: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s.Port, s.cmd = port, cmd
	deadline := time.Now().Add(testwait.Scaled(10 * time.Second))
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			b, _ := os.ReadFile(s.log)
			return fmt.Errorf("sshd exited (%v): %s", err, b)
		default:
		}
		if banner(s.Addr()) {
			go func() { <-exited }()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	<-exited
	return errors.New("sshd did not greet within the deadline")
}

// banner reports whether an SSH server greets on addr.
func banner(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && strings.HasPrefix(line, "SSH-2.0-")
}

// Stop ends the listening sshd. The session processes it forked end when
// their clients hang up.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
	}
}
