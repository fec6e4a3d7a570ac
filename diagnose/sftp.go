package diagnose

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"sort"
	"strings"

	"time"

	"golang.org/x/crypto/ssh"

	"exchange/transport"
	"exchange/transport/sftpclient"
)

// The steps of an SFTP diagnosis (resolve, connect and login are shared).
const (
	stepSSHBanner   = "SSH greeting (server software and version)"
	stepHostKey     = "Server identity (SSH host key)"
	stepAuthMethods = "Login methods the server offers"
	stepSFTPWrite   = "Test upload under a temporary name, then deleted"
)

// diagnoseSFTP walks through reaching an SFTP server: resolve, TCP, the SSH
// banner, the host key against the pin, the login methods offered, the
// login, the SFTP extensions, and a test upload in the target folder.
func (r *run) diagnoseSFTP(tcfg transport.Config) {
	cfg := sftpclient.FromTransport(transport.DecorateConfig(tcfg))
	addr := cfg.Address()
	later := []string{stepConnect, stepSSHBanner, stepHostKey, stepAuthMethods, stepLogin, stepFeat, stepSFTPWrite}
	if r.step(stepResolve, func() (Status, string) {
		st, detail := r.resolve(cfg.Host)
		if st != OK && cfg.Proxy != nil {
			return OK, resolvedByProxy(cfg.Proxy) // offices behind a proxy often resolve only there
		}
		return st, detail
	}) != OK {
		r.res.Verdict = fmt.Sprintf("The server name %q cannot be found. Check the spelling of the address in the profile, or this computer's network connection.", cfg.Host)
		r.skip(later...)
		return
	}
	if !r.proxyStep(cfg.Proxy, "the SSH connection", later...) {
		return
	}
	var banner string
	var connectErr error
	r.step(stepConnect, func() (Status, string) {
		conn, err := r.dialThrough(cfg.Proxy, addr)
		if connectErr = err; err != nil {
			return Failed, err.Error()
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(r.opts.Timeout))
		banner, _ = bufio.NewReader(conn).ReadString('\n')
		return OK, "connected to " + conn.RemoteAddr().String()
	})
	if connectErr != nil {
		r.skip(later[1:]...)
		r.connectFailed(connectErr, addr, "the SFTP server is not running",
			"Check the port in the profile (SFTP usually uses 22) and ask the server administrator whether the SSH service is running.")
		return
	}
	banner = strings.TrimSpace(banner)
	if r.step(stepSSHBanner, func() (Status, string) {
		if !strings.HasPrefix(banner, "SSH-2.0-") && !strings.HasPrefix(banner, "SSH-1.99-") {
			return Failed, fmt.Sprintf("not an SSH greeting: %q", banner)
		}
		return OK, banner
	}) != OK {
		r.skip(later[2:]...)
		r.res.Verdict = fmt.Sprintf("Something answers at %s, but it is not an SSH server (%q). Check the port in the profile.", addr, banner)
		return
	}
	key, methods, probeErr := r.probe(cfg)
	pinnedOK := true
	r.step(stepHostKey, func() (Status, string) {
		switch {
		case key == nil:
			return Failed, "the server did not show its host key: " + short(probeErr)
		case cfg.HostKey == "":
			return OK, fmt.Sprintf("%s %s, not trusted yet: compare it with the fingerprint your administrator gave you", key.Type(), r.res.HostKey)
		case sftpclientSame(cfg.HostKey, r.res.HostKey):
			return OK, fmt.Sprintf("%s %s, the one the profile trusts", key.Type(), r.res.HostKey)
		}
		pinnedOK = false
		return Failed, fmt.Sprintf("WARNING: the server shows %s %s, but the profile trusts %s", key.Type(), r.res.HostKey, cfg.HostKey)
	})
	if !pinnedOK {
		r.skip(later[3:]...)
		r.res.Verdict = "Warning: the server's identity (its SSH host key) has changed since the profile was set up. Exchange will not send anything to it."
		r.res.Advice = "Ask the server administrator whether the server was reinstalled and what its new fingerprint is (ssh-keygen -lf on its host key). If someone else answers in its place, your files would go to them."
		return
	}
	r.step(stepAuthMethods, func() (Status, string) {
		if len(methods) == 0 {
			return Failed, "the server offered no login method to this user: " + short(probeErr)
		}
		return OK, strings.Join(methods, ", ")
	})
	var sess *sftpclient.Session
	var loginErr error
	r.step(stepLogin, func() (Status, string) {
		sess, loginErr = sftpclient.Connect(r.ctx, cfg)
		if loginErr != nil {
			return Failed, loginErr.Error()
		}
		r.res.LoginDir = sess.LoginDir()
		r.res.TargetDir = transport.ResolveRemote(r.res.LoginDir, r.p.RemoteDir)
		return OK, "logged in as " + cfg.User + " in the folder " + r.res.LoginDir
	})
	if loginErr != nil {
		r.skip(stepFeat, stepSFTPWrite)
		r.sftpLoginVerdict(loginErr, cfg, methods)
		return
	}
	defer sess.Quit()
	r.step(stepFeat, func() (Status, string) {
		var names []string
		for k := range sess.Features() {
			names = append(names, strings.ToLower(k))
		}
		sort.Strings(names)
		if len(names) == 0 {
			return OK, "the server announces no SFTP extensions"
		}
		return OK, strings.Join(names, " ")
	})
	where := r.displayDir(r.p.RemoteDir)
	var writeErr error
	r.step(stepSFTPWrite, func() (Status, string) {
		if writeErr = upload(transport.Decorate(sess), r.p.RemoteDir); writeErr != nil {
			return Failed, writeErr.Error()
		}
		return OK, "files can be created, renamed and deleted in " + where
	})
	switch {
	case writeErr == nil:
		r.res.Verdict = "Everything works over SFTP. Files will land in " + where + " on the server."
	case errors.Is(writeErr, fs.ErrPermission) || errors.Is(writeErr, fs.ErrNotExist):
		r.res.Verdict = fmt.Sprintf("The login works, but the server refused to create a file in %s.", where)
		r.res.Advice = fmt.Sprintf("Ask the server administrator to give the user %q permission to write in %s, or check the remote folder in the profile.", cfg.User, where)
	default:
		r.res.Verdict = "The login works, but the test upload failed: " + writeErr.Error()
	}
}

// sshPort is where suggestSFTP looks for an SSH server (tests move it).
var sshPort = 22

// suggestSFTP, when no FTP data connection works, asks the server's SSH
// port for a greeting: SFTP needs no data connections, so it avoids the
// firewall problem altogether.
func (r *run) suggestSFTP(host string) {
	addr := net.JoinHostPort(host, fmt.Sprint(sshPort))
	d := net.Dialer{Timeout: min(r.opts.Timeout, 5*time.Second)}
	conn, err := d.DialContext(r.ctx, "tcp", addr)
	if err != nil {
		return
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(min(r.opts.Timeout, 5*time.Second)))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "SSH-2.0-") {
		return
	}
	r.res.SSHOffered, r.res.SSHBanner = true, strings.TrimSpace(line)
	r.res.Advice = strings.TrimSpace(r.res.Advice + " An SSH server answers on port " + fmt.Sprint(sshPort) + " of this server (" + r.res.SSHBanner +
		"): if it offers SFTP to your account, switching the profile to SFTP avoids this firewall problem entirely, since SFTP needs no separate data connections.")
}

func (r *run) resolve(host string) (Status, string) {
	if net.ParseIP(host) != nil {
		return OK, host + " is an IP address"
	}
	ctx, cancel := context.WithTimeout(r.ctx, r.opts.Timeout)
	defer cancel()
	ips, err := net.DefaultResolver.LookupHost(ctx, host)
	if err != nil {
		return Failed, err.Error()
	}
	return OK, strings.Join(ips, ", ")
}

// probe shakes hands without logging in: it learns the host key and which
// login methods the server offers this user (each method's callback runs
// only when the server offers it; none sends a secret).
func (r *run) probe(cfg sftpclient.Config) (ssh.PublicKey, []string, error) {
	var key ssh.PublicKey
	var offered []string
	errProbe := errors.New("probe: no secret sent")
	conf := &ssh.ClientConfig{
		User:    cfg.User,
		Timeout: r.opts.Timeout,
		HostKeyCallback: func(_ string, _ net.Addr, k ssh.PublicKey) error {
			key = k
			r.res.HostKey = ssh.FingerprintSHA256(k)
			return nil
		},
		Auth: []ssh.AuthMethod{
			ssh.PublicKeysCallback(func() ([]ssh.Signer, error) { offered = append(offered, "publickey"); return nil, nil }),
			ssh.PasswordCallback(func() (string, error) { offered = append(offered, "password"); return "", errProbe }),
			ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
				offered = append(offered, "keyboard-interactive")
				return nil, errProbe
			}),
		},
	}
	conn, err := r.dialThrough(cfg.Proxy, cfg.Address())
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(r.opts.Timeout))
	c, _, _, err := ssh.NewClientConn(conn, cfg.Address(), conf)
	if err == nil { // a server letting anyone in without a secret
		c.Close()
		offered = append(offered, "none (no password needed)")
	}
	return key, offered, err
}

func sftpclientSame(pinned, got string) bool {
	p, err := sftpclient.ParseFingerprint(pinned)
	return err == nil && p == got
}

func (r *run) sftpLoginVerdict(err error, cfg sftpclient.Config, methods []string) {
	var unknown *sftpclient.UnknownHostKeyError
	switch {
	case errors.As(err, &unknown):
		r.res.UntrustedHostKey = unknown.Info.SHA256
		r.res.Verdict = fmt.Sprintf("The server's identity (SSH host key) is not trusted yet. Its fingerprint is %s.", unknown.Info.SHA256)
		r.res.Advice = "Ask the server administrator for the host key's fingerprint. If it matches, trust it: Exchange will pin it and refuse any other key."
	case transport.ClassOf(err) == transport.ClassAuth:
		r.res.Verdict = "The server refused the login."
		r.res.Advice = fmt.Sprintf("The server offers: %s. Check the user name and the password, or that the private key is the one the server knows for %q.",
			strings.Join(methods, ", "), cfg.User)
	default:
		r.res.Verdict = "The login did not complete: " + err.Error() + ". " + transport.HintOf(err)
	}
}
