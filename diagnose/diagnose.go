// Package diagnose is "Test connection": it walks through every step of
// reaching an FTP server (resolve, connect, banner, TLS and certificate,
// login, features, a passive and an active data test, write permission),
// times each, and ends with a verdict in plain words: which mode works, and
// what to ask the firewall or server administrator when none does.
package diagnose

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strings"
	"time"

	"exchange/diagnose/verdict"
	"exchange/internal/sockerr"
	"exchange/profile"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// The outcome's types live in diagnose/verdict, so that the window can show
// a diagnosis without linking the FTP client in.
type (
	Status = verdict.Status
	Step   = verdict.Step
	Result = verdict.Result
)

const (
	OK      = verdict.OK
	Failed  = verdict.Failed
	Skipped = verdict.Skipped
)

// Options tune a diagnosis.
type Options struct {
	// Timeout bounds each network wait (default 10 s).
	Timeout time.Duration
	// Progress is told about each step as soon as it ends.
	Progress func(Step)
	// Configure adjusts the session config (the protocol log). A
	// certificate this computer does not trust is not asked about: the
	// TLS step fails and the result's UntrustedCertificate names it.
	Configure func(cfg *transport.Config)
}

type run struct {
	ctx  context.Context
	p    profile.Profile
	pw   string
	opts Options
	res  Result
}

func (r *run) step(name string, fn func() (Status, string)) Status {
	start := time.Now()
	status, detail := fn()
	s := Step{Name: name, Status: status, Duration: time.Since(start).Round(time.Millisecond), Detail: detail}
	r.res.Steps = append(r.res.Steps, s)
	if r.opts.Progress != nil {
		r.opts.Progress(s)
	}
	return status
}

func (r *run) skip(names ...string) {
	for _, n := range names {
		r.step(n, func() (Status, string) { return Skipped, "not tried: an earlier step failed" })
	}
}

// Run diagnoses the connection to the profile's server.
func Run(ctx context.Context, p profile.Profile, password string, opts Options) Result {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	r := &run{ctx: ctx, p: p.WithDefaults(), pw: password, opts: opts}
	r.diagnose()
	return r.res
}

const (
	stepResolve = "Resolve the server name"
	stepConnect = "Connect to the server"
	stepBanner  = "Server greeting"
	stepTLS     = "Secure connection (TLS) and certificate"
	stepLogin   = "Log in"
	stepFeat    = "Server features"
	stepPassive = "Passive data connection (test upload)"
	stepActive  = "Active data connection (test upload)"
	stepWrite   = "Permission to write in the target folder"
)

func (r *run) diagnose() {
	cfg, err := r.p.ClientConfig(r.pw)
	if err != nil {
		r.res.Verdict = err.Error()
		return
	}
	cfg.Timeout = r.opts.Timeout
	if r.opts.Configure != nil {
		r.opts.Configure(&cfg)
	}
	if r.p.IsSFTP() {
		r.diagnoseSFTP(cfg) // sftp.go
		return
	}
	addr := cfg.Address()

	if r.step(stepResolve, func() (Status, string) {
		if net.ParseIP(cfg.Host) != nil {
			return OK, cfg.Host + " is an IP address"
		}
		ctx, cancel := context.WithTimeout(r.ctx, r.opts.Timeout)
		defer cancel()
		ips, err := net.DefaultResolver.LookupHost(ctx, cfg.Host)
		if err != nil && cfg.Proxy != nil {
			return OK, resolvedByProxy(cfg.Proxy) // offices behind a proxy often resolve only there
		}
		if err != nil {
			return Failed, err.Error()
		}
		return OK, strings.Join(ips, ", ")
	}) != OK {
		r.res.Verdict = fmt.Sprintf("The server name %q cannot be found. Check the spelling of the address in the profile, or this computer's network connection.", cfg.Host)
		r.skip(stepConnect, stepBanner, stepTLS, stepLogin, stepFeat, stepPassive, stepActive, stepWrite)
		return
	}

	if !r.proxyStep(cfg.Proxy, "the connections to the server (passive mode only)",
		stepConnect, stepBanner, stepTLS, stepLogin, stepFeat, stepPassive, stepActive, stepWrite) {
		return
	}
	var conn net.Conn
	var connectErr error
	r.step(stepConnect, func() (Status, string) {
		conn, connectErr = r.dialServer(cfg)
		if connectErr != nil {
			return Failed, connectErr.Error()
		}
		return OK, "connected to " + conn.RemoteAddr().String()
	})
	if connectErr != nil {
		r.skip(stepBanner, stepTLS, stepLogin, stepFeat, stepPassive, stepActive, stepWrite)
		r.connectFailed(connectErr, addr, "the server is not running",
			"Check the port in the profile (usually 21, or 990 for implicit FTPS) and ask the server administrator whether the FTP service is running.")
		return
	}
	defer conn.Close()
	if !r.greetingAndTLS(ftpclient.BoundReplies(conn, cfg), cfg) {
		r.skip(stepLogin, stepFeat, stepPassive, stepActive, stepWrite)
		return
	}
	conn.Close()

	// Log in with a real session (passive): login, then features.
	pcfg := cfg
	pcfg.Mode = transport.Passive
	var sess transport.Session
	var loginErr error
	r.step(stepLogin, func() (Status, string) {
		sess, loginErr = ftpclient.Dial(r.ctx, pcfg)
		if loginErr != nil {
			return Failed, loginErr.Error()
		}
		r.res.LoginDir = sess.LoginDir()
		r.res.TargetDir = transport.ResolveRemote(r.res.LoginDir, r.p.RemoteDir)
		if r.res.LoginDir == "" {
			return OK, "logged in as " + cfg.User + " (the server does not say which folder it logged in to)"
		}
		return OK, "logged in as " + cfg.User + " in the folder " + r.res.LoginDir
	})
	if loginErr != nil {
		r.skip(stepFeat, stepPassive, stepActive, stepWrite)
		r.loginVerdict(loginErr, cfg)
		return
	}
	r.step(stepFeat, func() (Status, string) {
		var names []string
		for k := range sess.Features() {
			names = append(names, k)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return OK, "the server lists no extra features"
		}
		return OK, strings.Join(names, " ")
	})
	dir := r.p.RemoteDir
	where := r.displayDir(dir)
	passiveErr := r.dataTest(stepPassive, transport.Passive, sess, dir)
	_ = sess.Quit()
	acfg := cfg
	acfg.Mode = transport.Active
	var activeErr error
	r.step(stepActive, func() (Status, string) {
		if cfg.Proxy != nil {
			activeErr = errors.New(activeThroughProxy)
			return Skipped, activeThroughProxy
		}
		s, err := ftpclient.Dial(r.ctx, acfg)
		if err != nil {
			activeErr = err
			return Failed, err.Error()
		}
		defer s.Quit()
		activeErr = upload(s, dir)
		if activeErr != nil {
			return Failed, activeErr.Error()
		}
		return OK, "a test file went up in active mode and was deleted"
	})
	r.res.PassiveOK, r.res.ActiveOK = passiveErr == nil, activeErr == nil
	writeRefused := transport.WriteRefused(passiveErr) || transport.WriteRefused(activeErr)
	r.step(stepWrite, func() (Status, string) {
		switch {
		case r.res.PassiveOK || r.res.ActiveOK:
			return OK, "files can be created, renamed and deleted in " + where
		case writeRefused:
			return Failed, "the server refused to create a file in " + where
		}
		return Skipped, "no data connection could be opened to try"
	})
	r.dataVerdict(passiveErr, activeErr, writeRefused, where, cfg)
	if !r.res.PassiveOK && !r.res.ActiveOK && !writeRefused {
		r.suggestSFTP(cfg.Host) // sftp.go
	}
	r.officeHints(passiveErr, activeErr, cfg)
	if r.res.PassiveOK || r.res.ActiveOK {
		r.res.Verdict += " Files will land in " + where + " on the server."
	}
}

// greetingAndTLS reads the banner and, with TLS, checks the certificate.
func (r *run) greetingAndTLS(conn net.Conn, cfg transport.Config) bool {
	deadline := func() { _ = conn.SetDeadline(time.Now().Add(r.opts.Timeout)) }
	deadline()
	handshake := func(c net.Conn) (net.Conn, Status, string) {
		var seen *transport.CertInfo
		var trustErr error
		// Diagnose reports a certificate this computer does not trust; it
		// does not ask about it (the window offers to trust it afterwards).
		verify := cfg
		verify.ConfirmCertificate = nil
		tc := tls.Client(c, &tls.Config{ServerName: cfg.Host, InsecureSkipVerify: true, //nolint:gosec // verified below by the session's rules, here to show the certificate either way
			VerifyConnection: func(cs tls.ConnectionState) error {
				if len(cs.PeerCertificates) > 0 {
					info := transport.DescribeCertificate(cs.PeerCertificates[0], "")
					seen = &info
					trustErr = transport.VerifyCertificate(&verify, cs.PeerCertificates)
				}
				return nil
			}})
		if err := tc.Handshake(); err != nil {
			return nil, Failed, "TLS handshake failed: " + err.Error()
		}
		r.res.Certificate = seen
		if seen == nil {
			return tc, Failed, "the server sent no certificate"
		}
		var untrusted *transport.UntrustedCertificateError
		if errors.As(trustErr, &untrusted) {
			r.untrustedVerdict(untrusted)
			return tc, Failed, fmt.Sprintf("%s, %s; %s", tlsVersion(tc.ConnectionState().Version), cfg.TLS, untrusted.Error())
		}
		detail := fmt.Sprintf("%s, %s; certificate %s issued by %s, valid until %s, SHA-256 %s",
			tlsVersion(tc.ConnectionState().Version), cfg.TLS, seen.Subject, seen.Issuer, seen.NotAfter.Format("2006-01-02"), seen.SHA256)
		return tc, OK, detail
	}
	tlsStatus := Skipped
	tlsDetail := "the profile uses plain FTP (no TLS)"
	if cfg.TLS == transport.TLSImplicit {
		var c net.Conn
		c, tlsStatus, tlsDetail = handshake(conn)
		if tlsStatus != OK {
			r.step(stepBanner, func() (Status, string) { return Skipped, "no greeting without TLS" })
			r.step(stepTLS, func() (Status, string) { return tlsStatus, tlsDetail })
			if r.res.UntrustedCertificate == "" {
				r.res.Verdict = "The secure connection (implicit TLS) failed. The server may not use implicit FTPS on this port: try TLS \"explicit\" on port 21."
			}
			return false
		}
		conn = c
	}
	replies := ftpclient.NewReplyReader(conn, cfg)
	var banner string
	if r.step(stepBanner, func() (Status, string) {
		code, text, err := replies.Read()
		if err != nil {
			banner = err.Error()
			return Failed, err.Error()
		}
		banner = replyLine(code, text)
		if code != 220 {
			return Failed, "unexpected greeting: " + banner
		}
		return OK, banner
	}) != OK {
		r.skip(stepTLS)
		r.res.Verdict = fmt.Sprintf("Something answers at %s but it is not an FTP server that is ready (%q).", cfg.Address(), banner)
		return false
	}
	if cfg.TLS == transport.TLSExplicit {
		deadline()
		code, text, err := replies.Command("AUTH TLS")
		switch {
		case err != nil:
			tlsStatus, tlsDetail = Failed, err.Error()
		case code != 234:
			tlsStatus, tlsDetail = Failed, "the server refused AUTH TLS: "+replyLine(code, text)
		default:
			_, tlsStatus, tlsDetail = handshake(conn)
		}
	}
	r.step(stepTLS, func() (Status, string) { return tlsStatus, tlsDetail })
	if tlsStatus == Failed && r.res.UntrustedCertificate != "" {
		return false
	}
	if tlsStatus == Failed {
		r.res.Verdict = "The server does not accept a secure connection (explicit TLS) here. Set TLS to \"none\" if the server has no FTPS, or ask its administrator to enable it."
		return false
	}
	return true
}

// replyLine is the first line of a reply, as the server wrote it.
func replyLine(code int, text string) string {
	first, _, _ := strings.Cut(text, "\n")
	return fmt.Sprintf("%03d %s", code, first)
}

func tlsVersion(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "TLS 1.3"
	case tls.VersionTLS12:
		return "TLS 1.2"
	}
	return fmt.Sprintf("TLS version %#x", v)
}

func (r *run) dataTest(name string, mode transport.Mode, s transport.Session, dir string) error {
	var err error
	r.step(name, func() (Status, string) {
		err = upload(s, dir)
		if err != nil {
			return Failed, err.Error()
		}
		return OK, "a test file went up in " + mode.String() + " mode and was deleted"
	})
	return err
}

// upload sends a tiny file under a temporary name in dir, then deletes it.
func upload(s transport.Session, dir string) error {
	var b [6]byte
	_, _ = rand.Read(b[:])
	name, err := transport.JoinRemote(dir, ".exchange-test-"+hex.EncodeToString(b[:]))
	if err != nil {
		return err
	}
	if err := s.Store(name, strings.NewReader("Exchange connection test\n"), 0); err != nil {
		return err
	}
	return s.Delete(name)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) ||
		sockerr.Refused(err) || sockerr.Unreachable(err)
}

// displayDir names the profile's remote folder for a clerk, with the path
// the server resolves it to: "the login folder (/home/clerk)",
// "/home/clerk/incoming", "/data/in".
func (r *run) displayDir(dir string) string {
	switch {
	case dir == "" && r.res.LoginDir != "":
		return "the login folder (" + r.res.LoginDir + ")"
	case dir == "":
		return "the login folder"
	case r.res.TargetDir != "":
		return r.res.TargetDir
	}
	return dir
}

func (r *run) loginVerdict(err error, cfg transport.Config) {
	var untrusted *transport.UntrustedCertificateError
	var fe *transport.Error
	switch {
	case errors.As(err, &untrusted): // the certificate changed since the TLS step
		r.untrustedVerdict(untrusted)
	case errors.As(err, &fe) && (fe.Code == 534 || fe.Code == 522 || (fe.Code == 530 && cfg.TLS == transport.TLSNone && strings.Contains(strings.ToLower(fe.Reply), "tls"))):
		r.res.Verdict = "The server requires a secure connection. Set TLS to \"explicit\" in the profile."
	case transport.ClassOf(err) == transport.ClassAuth:
		r.res.Verdict = "The server refused the user name or password."
		r.res.Advice = "Check the user name and type the password again. If they are right, ask the server administrator whether the account is locked or allowed to use FTP."
	default:
		r.res.Verdict = "The login did not complete: " + err.Error()
	}
}

// untrustedVerdict: the server's certificate is not trusted; the result
// names its fingerprint, for the window's "Trust this certificate".
func (r *run) untrustedVerdict(untrusted *transport.UntrustedCertificateError) {
	r.res.UntrustedCertificate = untrusted.Info.SHA256
	r.res.Verdict = fmt.Sprintf("The server's certificate is not trusted (%s). Its SHA-256 fingerprint is %s.", untrusted.Info.Reason, untrusted.Info.SHA256)
	r.res.Advice = "Ask the server administrator for the certificate's fingerprint. If it matches, trust it: Exchange will pin it and refuse any other certificate."
}

// dataVerdict sums up the data tests; where is the target folder in words.
func (r *run) dataVerdict(passiveErr, activeErr error, writeRefused bool, where string, cfg transport.Config) {
	switch {
	case r.res.PassiveOK && r.res.ActiveOK:
		r.res.Recommended = "passive"
		r.res.Verdict = "Everything works, in passive and in active mode. Passive (the default) is recommended."
	case r.res.PassiveOK:
		r.res.Recommended = "passive"
		r.res.Verdict = "Passive mode works; active mode does not. Keep passive mode."
		r.res.Advice = "In active mode the server could not connect back to this computer: incoming connections are blocked here (this computer's firewall or the office router). Nothing needs to change while passive mode is used."
	case r.res.ActiveOK:
		r.res.Recommended = "active"
		r.res.Verdict = "Active mode works; passive mode does not. Switch the profile to Active."
		r.res.Advice = "The passive data connection failed (" + short(passiveErr) + "): a firewall blocks the server's passive port range. Ask the firewall administrator to allow outgoing connections to the server's passive ports, or the server administrator which ports those are."
	case writeRefused:
		r.res.Verdict = fmt.Sprintf("Connections work, but the server refused to create a file in %s.", where)
		r.res.Advice = fmt.Sprintf("Ask the server administrator to give the user %q permission to write in %s, or check the remote folder in the profile.", cfg.User, where)
	case isTimeout(passiveErr):
		r.res.Verdict = "The login works, but no data connection can be opened in either mode."
		r.res.Advice = "The passive data port timed out (the server's passive port range is blocked), and the server could not connect back to this computer either. Ask the firewall administrator to open the server's passive port range for outgoing connections from this computer."
	default:
		r.res.Verdict = "The login works, but the test uploads failed in both modes: passive: " + short(passiveErr) + "; active: " + short(activeErr) + "."
	}
}

func short(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}

// connectFailed gives the verdict on a connection that could not be opened:
// the proxy's, when one was in the way; nothing listening (notRunning, with
// the port advice of the protocol); or no answer at all (a firewall).
func (r *run) connectFailed(err error, addr, notRunning, portAdvice string) {
	if r.proxyVerdict(err) {
		return
	}
	if sockerr.Refused(err) {
		r.res.Verdict = fmt.Sprintf("Nothing answers at %s: %s, or the port is wrong.", addr, notRunning)
		r.res.Advice = portAdvice
		return
	}
	r.res.Verdict = fmt.Sprintf("The server at %s did not answer: a firewall blocks the connection, or the address is wrong.", addr)
	r.res.Advice = fmt.Sprintf("Ask the firewall administrator to allow outgoing connections from this computer to %s.", addr)
}
