package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"exchange/bench/latency"
)

// target is the server as the contenders reach it: through the proxy.
type target struct {
	port           int
	user, password string
	fingerprint    string
	exchangeBin    string
	state          string // a fresh journal folder per run goes under it
	parallel       int
}

// contender is one way of sending a folder of files to a remote folder.
type contender struct {
	name string
	// command sends every file of local (whose names are names) to the
	// remote folder dir, over explicit FTPS when tls.
	command func(t target, local string, names []string, dir string, tls bool) *exec.Cmd
}

// lftpTempName is the contender every ratio is taken against: the same
// safety as Exchange (temporary name, then rename).
const lftpTempName = "lftp mirror -R, xfer:use-temp-file"

func contenders() []contender {
	return []contender{
		{name: lftpTempName, command: lftp("set xfer:use-temp-file yes;")},
		{name: "exchange upload", command: exchangeUpload},
		{name: "lftp mirror -R (final names)", command: lftp("")},
		{name: "curl -T (1 connection, final names)", command: curlUpload},
	}
}

func exchangeUpload(t target, local string, names []string, dir string, tls bool) *exec.Cmd {
	scheme := "ftp"
	args := []string{"upload", "--state", filepath.Join(t.state, dir), "--connections", strconv.Itoa(t.parallel)}
	if tls {
		scheme = "ftpes"
		args = append(args, "--tls-fingerprint", t.fingerprint)
	}
	args = append(args, "--server", fmt.Sprintf("%s://%s@%s:%d/%s", scheme, t.user, latency.ListenHost, t.port, dir))
	args = append(args, names...)
	cmd := exec.Command(t.exchangeBin, args...)
	cmd.Dir = local
	cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD="+t.password)
	return cmd
}

// lftp mirrors the folder with --parallel as many connections as Exchange
// uses. ftp:ignore-pasv-address makes its data connections follow the
// control one through the proxy (vsftpd's PASV reply names 127.0.0.1).
func lftp(extra string) func(t target, local string, names []string, dir string, tls bool) *exec.Cmd {
	return func(t target, local string, _ []string, dir string, tls bool) *exec.Cmd {
		security := "set ftp:ssl-allow no;"
		if tls {
			security = "set ftp:ssl-force yes; set ftp:ssl-protect-data yes; set ssl:verify-certificate no;"
		}
		script := fmt.Sprintf("set ftp:passive-mode on; set ftp:ignore-pasv-address yes; set net:max-retries 1; %s %s mirror -R --parallel=%d %s /%s; quit",
			security, extra, t.parallel, local, dir)
		return exec.Command("lftp", "-u", t.user+","+t.password, "-p", strconv.Itoa(t.port), "-e", script, latency.ListenHost)
	}
}

// curlUpload sends the files one after the other on one connection (-T
// with a list), under their final names.
func curlUpload(t target, local string, names []string, dir string, tls bool) *exec.Cmd {
	list := names[0]
	if len(names) > 1 {
		list = "{" + strings.Join(names, ",") + "}"
	}
	args := []string{"-sS", "--fail", "--ftp-create-dirs", "-u", t.user + ":" + t.password, "-T", list}
	if tls {
		// curl 7.88 fails vsftpd's required session reuse over TLS 1.3 (522): cap it at 1.2.
		args = append(args, "--ssl-reqd", "--insecure", "--tls-max", "1.2")
	}
	args = append(args, fmt.Sprintf("ftp://%s:%d/%s/", latency.ListenHost, t.port, dir))
	cmd := exec.Command("curl", args...)
	cmd.Dir = local
	return cmd
}
