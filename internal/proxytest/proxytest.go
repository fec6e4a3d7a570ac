//go:build unix

// Package proxytest starts real proxies from Debian on loopback for tests:
// microsocks (SOCKS5, with or without a user and password) and tinyproxy
// (HTTP CONNECT). Each logs the connections it relays, the proof that
// traffic went through it. A proxy that is not installed makes the test
// skip with the install command when run by hand, and fail with CI=true.
package proxytest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"exchange/internal/testwait"
)

// Proxy is a running proxy.
type Proxy struct {
	// URL is the proxy's address with its credentials, for --proxy or a profile.
	URL     string
	Port    int
	logFile string
	stop    func()
}

// Stop ends the proxy (also done at the test's cleanup).
func (p *Proxy) Stop() { p.stop() }

// Log is what the proxy wrote about the connections it relayed.
func (p *Proxy) Log() string {
	raw, _ := os.ReadFile(p.logFile)
	return string(raw)
}

// WaitLog waits (scaled) until the proxy's log contains text, and reports whether it did.
func (p *Proxy) WaitLog(text string) bool {
	deadline := time.Now().Add(testwait.Scaled(5 * time.Second))
	for {
		if strings.Contains(p.Log(), text) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// SOCKS5 starts microsocks; with a user, it asks for user and password.
func SOCKS5(t testing.TB, user, password string) *Proxy {
	t.Helper()
	port := freePort(t)
	args := []string{"-i", "127.0.0.1", "-p", strconv.Itoa(port)}
	url := fmt.Sprintf("socks5://127.0.0.1:%d", port)
	if user != "" {
		args = append(args, "-u", user, "-P", password)
		url = fmt.Sprintf("socks5://%s:%s@127.0.0.1:%d", user, password, port)
	}
	p := &Proxy{URL: url, Port: port, logFile: filepath.Join(t.TempDir(), "microsocks.log")}
	p.start(t, "/usr/bin/microsocks", args...)
	return p
}

// HTTPConnect starts tinyproxy. allowPorts are the ports CONNECT may reach;
// none means every port.
func HTTPConnect(t testing.TB, allowPorts ...int) *Proxy {
	t.Helper()
	port := freePort(t)
	dir := t.TempDir()
	p := &Proxy{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Port: port, logFile: filepath.Join(dir, "tinyproxy.log")}
	var conf strings.Builder
	fmt.Fprintf(&conf, "Port %d\nListen 127.0.0.1\nTimeout 120\nLogFile %q\nLogLevel Info\nMaxClients 64\nAllow 127.0.0.1\n", port, p.logFile)
	for _, ap := range allowPorts {
		fmt.Fprintf(&conf, "ConnectPort %d\n", ap)
	}
	confFile := filepath.Join(dir, "tinyproxy.conf")
	if err := os.WriteFile(confFile, []byte(conf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p.start(t, "/usr/bin/tinyproxy", "-d", "-c", confFile)
	return p
}

func (p *Proxy) start(t testing.TB, bin string, args ...string) {
	t.Helper()
	if _, err := os.Stat(bin); err != nil {
		msg := fmt.Sprintf("%s is not installed; install the test proxies with: sudo bash scripts/install-deps.sh test", bin)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	out, err := os.OpenFile(p.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); _ = out.Close(); close(exited) }()
	var once sync.Once
	p.stop = func() {
		once.Do(func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		})
	}
	t.Cleanup(p.stop)
	deadline := time.Now().Add(testwait.Scaled(5 * time.Second))
	for {
		c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p.Port)), time.Second)
		if err == nil {
			_ = c.Close()
			return
		}
		select {
		case <-exited:
			t.Fatalf("%s exited at start:\n%s", bin, p.Log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on port %d: %v\n%s", bin, p.Port, err, p.Log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
