package cli

import (
	"flag"
	"fmt"

	"exchange/diagnose"
)

func init() {
	commands["diagnose"] = command{summary: "test a server step by step: which mode works, and why not", run: runDiagnose}
}

func runDiagnose(e env) int {
	fs := flag.NewFlagSet("diagnose", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var f uploadFlags
	fs.StringVar(&f.profileName, "profile", "", "saved profile to test")
	fs.StringVar(&f.server, "server", "", "ftp://user@host:port/dir to test (ftpes:// explicit TLS, ftps:// implicit)")
	fs.StringVar(&f.fingerprint, "tls-fingerprint", "", "trust exactly this certificate (SHA-256)")
	f.ssh.register(fs)
	asJSON := fs.Bool("json", false, "print the steps and the verdict as JSON lines")
	addProxyFlag(fs, &f)
	if err := fs.Parse(e.args); err != nil {
		return ExitUsage
	}
	if (f.server == "") == (f.profileName == "") {
		fmt.Fprintln(e.stderr, "exchange diagnose: give --profile NAME or --server URL")
		return ExitUsage
	}
	p, password, err := resolveUploadProfile(f)
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange diagnose: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	if password == "" {
		if password, err = askPassword(e, p); err != nil {
			fmt.Fprintf(e.stderr, "exchange diagnose: %v\n", err)
			return ExitUsage
		}
	}
	if !*asJSON {
		fmt.Fprintf(e.stdout, "Testing %s%s\n", describeProfile(p), safeText(describeProxy(p)))
	}
	intr := catchInterrupts(e.stderr, "diagnose", "")
	defer intr.stop()
	var res diagnose.Result
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		res = diagnose.Run(intr.ctx, p, password, diagnose.Options{
			Progress: func(s diagnose.Step) {
				if *asJSON {
					writeJSONLine(e.stdout, s)
					return
				}
				fmt.Fprintf(e.stdout, "  %-8s %-44s %6s  %s\n", stepMark(s.Status), s.Name, s.Duration, safeText(s.Detail))
			},
		})
	}()
	intr.within(finished) // after Ctrl-C, at most stopGrace
	if intr.interrupted() {
		fmt.Fprintln(e.stderr, "exchange diagnose: interrupted")
		return ExitInterrupted
	}
	if *asJSON {
		last := map[string]any{"verdict": res.Verdict, "advice": res.Advice, "passive_ok": res.PassiveOK,
			"active_ok": res.ActiveOK, "recommended": res.Recommended, "certificate": res.Certificate,
			"login_dir": res.LoginDir, "target_dir": res.TargetDir}
		// What an administrator's script needs to pin after checking it.
		if res.UntrustedCertificate != "" {
			last["untrusted_certificate"] = res.UntrustedCertificate
		}
		if res.UntrustedHostKey != "" {
			last["untrusted_host_key"] = res.UntrustedHostKey
		}
		writeJSONLine(e.stdout, last)
	} else {
		fmt.Fprintf(e.stdout, "\n%s\n", safeText(res.Verdict))
		if res.Advice != "" {
			fmt.Fprintf(e.stdout, "%s\n", safeText(res.Advice))
		}
	}
	if res.PassiveOK || res.ActiveOK {
		return ExitOK
	}
	return ExitFailed
}

func stepMark(s diagnose.Status) string {
	switch s {
	case diagnose.OK:
		return "ok"
	case diagnose.Failed:
		return "FAILED"
	}
	return "skipped"
}
