package ftptest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"exchange/internal/selfsigned"
	"exchange/localserver"
	"exchange/transport"
)

func prefix() string {
	if p := os.Getenv("EXCHANGE_FTP_PREFIX"); p != "" {
		return p
	}
	return "/opt/exchange-ftp"
}

// prepareSystemUser makes the test user and hands it the upload folder, or
// with LoginNotWritable only its subfolder WritableSubfolder (the login
// folder stays root's, rwxr-xr-x).
func prepareSystemUser(s *Server) (uid, gid int, err error) {
	uid, gid, err = ensureSystemUser(s.Password)
	if err != nil {
		return 0, 0, err
	}
	if !s.Options.LoginNotWritable {
		return uid, gid, os.Chown(s.Dir, uid, gid)
	}
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return 0, 0, err
	}
	sub := filepath.Join(s.Dir, WritableSubfolder)
	if err := os.Mkdir(sub, 0o755); err != nil {
		return 0, 0, err
	}
	return uid, gid, os.Chown(sub, uid, gid)
}

func writeConfig(s *Server, name, content string) (string, error) {
	p := filepath.Join(s.work, name)
	return p, os.WriteFile(p, []byte(content), 0o600)
}

func yesNo(b bool) string {
	if b {
		return "YES"
	}
	return "NO"
}

func launchVsftpd(s *Server, pasvMin, pasvMax int) (*exec.Cmd, error) {
	bin := filepath.Join(prefix(), "usr/sbin/vsftpd")
	if _, err := os.Stat(bin); err != nil {
		return nil, errMissing{bin}
	}
	if _, _, err := prepareSystemUser(s); err != nil {
		return nil, err
	}
	empty := filepath.Join(s.work, "empty")
	if err := os.Mkdir(empty, 0o555); err != nil {
		return nil, err
	}
	log := filepath.Join(s.work, "vsftpd.log")
	s.logs = append(s.logs, log)
	o := s.Options
	conf := fmt.Sprintf(`listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=%d
background=NO
seccomp_sandbox=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=%s
allow_writeable_chroot=YES
local_root=%s
pasv_enable=YES
pasv_min_port=%d
pasv_max_port=%d
port_enable=YES
connect_from_port_20=NO
pam_service_name=exchange-ftptest
secure_chroot_dir=%s
userlist_enable=NO
xferlog_enable=YES
dual_log_enable=YES
log_ftp_protocol=YES
vsftpd_log_file=%s
xferlog_file=%s
ssl_enable=%s
implicit_ssl=%s
require_ssl_reuse=%s
force_local_data_ssl=NO
force_local_logins_ssl=NO
allow_anon_ssl=NO
ssl_ciphers=HIGH
rsa_cert_file=%s
rsa_private_key_file=%s
`, s.Port, yesNo(!o.NoChroot), s.Dir, pasvMin, pasvMax, empty, log, filepath.Join(s.work, "xfer.log"),
		yesNo(o.TLS != transport.TLSNone), yesNo(o.TLS == transport.TLSImplicit), yesNo(o.RequireTLSReuse),
		filepath.Join(s.work, "cert.pem"), filepath.Join(s.work, "key.pem"))
	if o.MaxClients > 0 {
		conf += fmt.Sprintf("max_clients=%d\nmax_per_ip=%d\n", o.MaxClients, o.MaxClients)
	}
	path, err := writeConfig(s, "vsftpd.conf", conf)
	if err != nil {
		return nil, err
	}
	return s.run(bin, nil, path)
}

func launchPureFTPd(s *Server, pasvMin, pasvMax int) (*exec.Cmd, error) {
	bin := filepath.Join(prefix(), "usr/sbin/pure-ftpd")
	pw := filepath.Join(prefix(), "usr/bin/pure-pw")
	for _, b := range []string{bin, pw} {
		if _, err := os.Stat(b); err != nil {
			return nil, errMissing{b}
		}
	}
	uid, gid, err := prepareSystemUser(s)
	if err != nil {
		return nil, err
	}
	passwd, pdb := filepath.Join(s.work, "pureftpd.passwd"), filepath.Join(s.work, "pureftpd.pdb")
	cmd := exec.Command(pw, "useradd", s.User, "-u", fmt.Sprint(uid), "-g", fmt.Sprint(gid), "-d", s.Dir,
		"-f", passwd, "-F", pdb, "-m")
	cmd.Stdin = strings.NewReader(s.Password + "\n" + s.Password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pure-pw useradd: %v: %s", err, out)
	}
	log := filepath.Join(s.work, "transfer.log")
	s.logs = append(s.logs, log)
	args := []string{
		"-S", fmt.Sprintf("127.0.0.1,%d", s.Port),
		"-l", "puredb:" + pdb,
		"-p", fmt.Sprintf("%d:%d", pasvMin, pasvMax),
		"-P", "127.0.0.1",
		"-E", "-A", "-H",
		"-g", filepath.Join(s.work, "pure-ftpd.pid"),
		"-O", "clf:" + log,
		"-c", "50", "-C", "50",
	}
	if n := s.Options.MaxClients; n > 0 {
		args = append(args, "-c", fmt.Sprint(n), "-C", fmt.Sprint(n))
	}
	if s.Options.TLS != transport.TLSNone {
		args = append(args, "-Y", "1", "-2", filepath.Join(s.work, "cert.pem")+","+filepath.Join(s.work, "key.pem"))
	}
	return s.run(bin, nil, args...)
}

func launchProFTPD(s *Server, pasvMin, pasvMax int) (*exec.Cmd, error) {
	bin := filepath.Join(prefix(), "usr/sbin/proftpd")
	modules := filepath.Join(prefix(), "usr/lib/proftpd")
	if _, err := os.Stat(filepath.Join(modules, "mod_tls.so")); err != nil {
		return nil, errMissing{filepath.Join(modules, "mod_tls.so")}
	}
	uid, gid, err := prepareSystemUser(s)
	if err != nil {
		return nil, err
	}
	hash, err := cryptSHA512(s.Password)
	if err != nil {
		return nil, err
	}
	passwd := filepath.Join(s.work, "ftpd.passwd")
	group := filepath.Join(s.work, "ftpd.group")
	if err := os.WriteFile(passwd, []byte(fmt.Sprintf("%s:%s:%d:%d::%s:/bin/sh\n", s.User, hash, uid, gid, s.Dir)), 0o600); err != nil {
		return nil, err
	}
	if err := os.WriteFile(group, []byte(fmt.Sprintf("%s:x:%d:\n", s.User, gid)), 0o600); err != nil {
		return nil, err
	}
	syslog, tlslog := filepath.Join(s.work, "proftpd.log"), filepath.Join(s.work, "tls.log")
	s.logs = append(s.logs, syslog, tlslog)
	o := s.Options
	var tlsConf string
	if o.TLS != transport.TLSNone {
		var opts []string
		if !o.RequireTLSReuse {
			opts = append(opts, "NoSessionReuseRequired")
		}
		if o.TLS == transport.TLSImplicit {
			opts = append(opts, "UseImplicitSSL")
		}
		protocols := "TLSv1.2 TLSv1.3"
		if o.TLS12Only {
			protocols = "TLSv1.2"
		}
		tlsConf = fmt.Sprintf(`LoadModule mod_tls.c
<IfModule mod_tls.c>
TLSEngine on
TLSLog %s
TLSProtocol %s
TLSRequired off
TLSRSACertificateFile %s
TLSRSACertificateKeyFile %s
TLSVerifyClient off
TLSRenegotiate none
%s
</IfModule>
`, tlslog, protocols, filepath.Join(s.work, "cert.pem"), filepath.Join(s.work, "key.pem"), optionsLine(opts))
	}
	conf := fmt.Sprintf(`ServerName "exchange-ftptest"
ServerType standalone
DefaultServer on
Port %d
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
UseReverseDNS off
User %s
Group %s
PidFile %s
ScoreboardFile %s
DelayTable %s
ControlsEngine off
WtmpLog off
SystemLog %s
TransferLog %s
ModulePath %s
AuthOrder mod_auth_file.c
AuthUserFile %s
AuthGroupFile %s
RequireValidShell off
%s
PassivePorts %d %d
AllowOverwrite on
AllowStoreRestart on
Umask 022
MaxInstances 60
TimeoutIdle 600
%s`, s.Port, s.User, s.User, filepath.Join(s.work, "proftpd.pid"), filepath.Join(s.work, "scoreboard"),
		filepath.Join(s.work, "delay"), syslog, filepath.Join(s.work, "xfer.log"), modules, passwd, group,
		defaultRoot(o), pasvMin, pasvMax, tlsConf)
	path, err := writeConfig(s, "proftpd.conf", conf)
	if err != nil {
		return nil, err
	}
	return s.run(bin, nil, "-n", "-q", "-c", path)
}

// defaultRoot chroots the user to its home, unless the variant is NoChroot.
func defaultRoot(o Options) string {
	if o.NoChroot {
		return ""
	}
	return "DefaultRoot ~"
}

func optionsLine(opts []string) string {
	if len(opts) == 0 {
		return ""
	}
	return "TLSOptions " + strings.Join(opts, " ")
}

func launchPyftpdlib(s *Server, pasvMin, pasvMax int) (*exec.Cmd, error) {
	python := "/usr/bin/python3" // a pyenv python may come first on PATH
	if out, err := exec.Command(python, "-c", "import pyftpdlib, OpenSSL").CombinedOutput(); err != nil {
		return nil, errMissing{fmt.Sprintf("python3-pyftpdlib / python3-openssl (%s)", strings.TrimSpace(string(out)))}
	}
	script, err := filepath.Abs(filepath.Join(sourceDir(), "testdata", "pyftpd.py"))
	if err != nil {
		return nil, err
	}
	tlsMode := "none"
	if s.Options.TLS != transport.TLSNone {
		tlsMode = "explicit"
	}
	return s.run(python, nil, script,
		"--port", fmt.Sprint(s.Port), "--pasv", fmt.Sprintf("%d-%d", pasvMin, pasvMax),
		"--user", s.User, "--password", s.Password, "--dir", s.Dir,
		"--cert", filepath.Join(s.work, "both.pem"), "--tls", tlsMode, "--tls12only="+fmt.Sprint(s.Options.TLS12Only))
}

func startInProcess(s *Server, cert *selfsigned.Cert) error {
	mode := localserver.TLSOff
	switch s.Options.TLS {
	case transport.TLSExplicit:
		mode = localserver.TLSExplicit
	case transport.TLSImplicit:
		mode = localserver.TLSImplicit
	}
	pair := cert.TLS
	srv, err := localserver.Start(localserver.Options{Dir: s.Dir, ListenAddr: fmt.Sprintf("127.0.0.1:%d", s.Port),
		User: s.User, Password: s.Password, TLS: mode, Certificate: &pair, TLS12Only: s.Options.TLS12Only})
	if err != nil {
		return err
	}
	s.stop = func() { _ = srv.Close() }
	return nil
}
