package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"exchange/app"
	"exchange/audit"
	"exchange/internal/units"
	"exchange/profile"
	"exchange/uploader"
	"exchange/validate"

	"golang.org/x/term"
)

func init() {
	commands["upload"] = command{
		summary: "validate and send files: exchange upload [--profile NAME | --server ftp://user@host/dir] FILE...",
		run:     runUpload,
	}
}

const uploadUsage = `usage: exchange upload [--profile NAME | --server URL] [--active] [--tls-fingerprint SHA256]
                       [--json] [--connections N] [--send-duplicates] [--state DIR]
                       [--proxy socks5://[user:pass@]host:port | http://host:port | direct]
                       [--limit 2MB/s] FILE...

URL is ftp://user@host:port/dir (plain), ftpes://... (explicit TLS), ftps://... (implicit TLS)
or sftp://user@host:port/dir (SSH; --host-key SHA256:... pins the server's key, --key FILE logs in with a key).
The password comes from the keychain (profiles), EXCHANGE_PASSWORD, or a prompt on a terminal;
never write it in the URL (it would be visible in the process list). Ctrl-C stops (exit 130);
unfinished files stay queued.
Running the same command again after an interruption finishes the batch: files already sent are
reported as already sent, interrupted ones resume.`

type uploadFlags struct {
	ssh                                     sshFlags
	profileName, server, fingerprint, state string
	proxy, limit                            string
	active, asJSON, sendDuplicates          bool
	connections                             int
}

func runUpload(e env) int {
	var f uploadFlags
	fs := newSendFlagSet(e, "upload", &f)
	f.ssh.register(fs)
	fs.BoolVar(&f.sendDuplicates, "send-duplicates", false, "send files whose content was already sent to this server")
	addProxyFlag(fs, &f)
	addLimitFlag(fs, &f)
	paths, code, ok := parseSend(e, fs, uploadUsage, &f)
	if !ok {
		return code
	}
	fail := usageFailure(e, "upload")
	limits, err := speedLimits(f)
	if err != nil {
		return fail("%v", err)
	}
	p, password, err := profileAndPassword(e, f)
	if err != nil {
		return fail("%v", err)
	}
	vopts, journal, err := openSendState(e, "upload", p, f.state)
	if err != nil {
		return fail("%v", err)
	}
	defer journal.Close()

	var auditing atomic.Pointer[app.Audit] // the service asks it before each send
	log, closeLog := openLog(e, "upload")
	defer closeLog()
	svc, err := uploader.New(uploader.Options{
		Journal: journal,
		Validate: func(_ context.Context, r io.ReaderAt, path string, size int64, p profile.Profile) (*validate.Report, error) {
			rep, err := validate.Reader(r, path, size, vopts)
			if rep != nil {
				app.RequireTemplate(rep, p)
			}
			return rep, err
		},
		Throttle:  app.Throttle(limits),
		Configure: protocolToLog(log),
		MaySend:   func(p profile.Profile) error { return auditing.Load().MaySend(p) },
	})
	if err != nil {
		return fail("%v", err)
	}
	out := newUploadPrinter(e.stdout, f.asJSON)
	out.viaServerFlag = f.server != ""
	unsubscribe := svc.Subscribe(out.event)
	unlog := svc.Subscribe(app.LogEvents(log))
	log.Info("upload", "to", describeProfile(p)+describeProxy(p), "files", len(paths), "limit", f.limit)
	svc.SetProfile(p, password)

	intr := catchInterrupts(e.stderr, "upload", "; unfinished files stay queued: run the same command again to finish them")
	defer intr.stop()
	waitCtx, stopWaiting := context.WithCancel(intr.ctx)
	defer stopWaiting()
	trail, err := startAudit(e.stderr, svc, p, stopWaiting)
	auditing.Store(trail)
	if err != nil {
		_ = svc.Close()
		unsubscribe()
		return fail("%v", err)
	}
	if _, err := svc.Add(paths...); err != nil {
		_ = svc.Close()
		unsubscribe()
		_ = trail.Close()
		return fail("%v", err)
	}
	svc.Start()
	_ = svc.Wait(waitCtx) // all files finished, Ctrl-C, or a required audit trail that failed
	closed := make(chan struct{})
	var auditErr error
	go func() {
		_ = closeService(svc) // delivers every event; an interrupted upload stays in the journal
		unsubscribe()
		auditErr = trail.Close()
		unlog()
		close(closed)
	}()
	intr.within(closed) // after Ctrl-C, at most stopGrace
	out.finish()
	if intr.interrupted() {
		fmt.Fprintln(e.stderr, "exchange upload: interrupted; run the same command again to finish (temporary files stay on the server to resume)")
		return ExitInterrupted
	}
	if err := outputFailure(e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "exchange upload: standard output was closed (%s); the batch went on to the end: %d sent, %d skipped, %d invalid, %d failed (exchange history shows them)\n",
			safeText(err.Error()), out.sent, out.skipped, out.invalid, out.failed)
		return ExitUsage
	}
	if auditErr != nil {
		fmt.Fprintf(e.stderr, "exchange upload: %s\n", safeText(auditErr.Error()))
		if required, _ := profile.MachinePolicies(); required.RequireAudit {
			fmt.Fprintf(e.stderr, "exchange upload: %s; the files not sent yet stay queued\n", audit.ErrRequired)
			return ExitFailed
		}
	}
	if err := svc.JournalErr(); err != nil {
		// Nothing after the failed write is claimed as sent: the batch stopped.
		fmt.Fprintf(e.stderr, "exchange upload: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	if out.failed > 0 || out.invalid > 0 {
		return ExitFailed
	}
	return ExitOK
}

// resolveUploadProfile builds the profile from --server or reads --profile,
// then applies the command-line overrides. The password is "" when it must be asked.
func resolveUploadProfile(f uploadFlags) (profile.Profile, string, error) {
	var p profile.Profile
	var password string
	var err error
	if f.server != "" {
		p, password, err = profileFromURL(f.server)
	} else {
		p, password, err = savedProfile(f.profileName, f.state)
	}
	if err != nil {
		return p, "", err
	}
	if env := os.Getenv("EXCHANGE_PASSWORD"); env != "" {
		password = env
	}
	if f.active {
		p.Mode = "active"
	}
	if f.fingerprint != "" {
		if p.PinnedSHA256, err = pinFor(p, f.fingerprint); err != nil {
			return p, "", err
		}
	}
	if err := f.ssh.apply(&p); err != nil {
		return p, "", err
	}
	if f.connections > 0 {
		p.Connections = f.connections
	}
	if err := applyProxyFlag(f, &p); err != nil {
		return p, "", err
	}
	if f.sendDuplicates {
		p.Duplicates = profile.DuplicateSend
	} else if p.Duplicates == profile.DuplicateAsk || p.Duplicates == "" {
		p.Duplicates = profile.DuplicateSkip // nobody to ask on the command line
	}
	return p.WithDefaults(), password, nil
}

// savedProfile reads a profile saved by the window (or `exchange profiles`)
// and its password from the keychain; the password is "" when none is
// remembered (it is then asked).
func savedProfile(name, stateFlag string) (profile.Profile, string, error) {
	store, err := openProfiles(stateFlag)
	if err != nil {
		return profile.Profile{}, "", err
	}
	p, err := store.Get(name)
	if err != nil {
		return p, "", fmt.Errorf("profile %q: %w (see exchange profiles list)", name, err)
	}
	password, err := store.Password(p)
	if err != nil && !errors.Is(err, profile.ErrNoPassword) && !errors.Is(err, profile.ErrNoKeychain) {
		return p, "", fmt.Errorf("profile %q: %w", name, err)
	}
	return p, password, nil
}

// askPassword reads the password from the terminal, or fails when there is none.
func askPassword(e env, p profile.Profile) (string, error) {
	if p.IsSFTP() && !sftpNeedsPassword(p) {
		return "", nil
	}
	if p.User == "anonymous" || p.User == "ftp" {
		return "anonymous@", nil
	}
	in, ok := e.stdin.(*os.File)
	if !ok || !isTerminal(in) {
		return "", fmt.Errorf("no password for %s@%s: set EXCHANGE_PASSWORD or save it with the profile", p.User, p.Host)
	}
	fmt.Fprintf(e.stderr, "Password for %s@%s: ", p.User, p.Host)
	stopWatching := restoreTerminalOnInterrupt(int(in.Fd()), e.stderr)
	pw, err := term.ReadPassword(int(in.Fd())) // no echo
	stopWatching()
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	return string(pw), nil
}

func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// uploadPrinter shows the events: JSON lines, progress bars on a terminal, or
// one line per finished file otherwise.
type uploadPrinter struct {
	mu       sync.Mutex
	w        io.Writer
	json     bool
	terminal bool
	active   map[uploader.ItemID]uploader.Event // files with bytes moving, for the bars
	order    []uploader.ItemID
	drawn    int // bar lines on screen
	lastDraw time.Time

	viaServerFlag bool // the profile came from --server: hints point there

	sent, skipped, failed, invalid int
}

func newUploadPrinter(w io.Writer, asJSON bool) *uploadPrinter {
	p := &uploadPrinter{w: w, json: asJSON, active: map[uploader.ItemID]uploader.Event{}}
	if f, ok := terminalFile(w); ok && !asJSON {
		p.terminal = isTerminal(f)
	}
	return p
}

func (p *uploadPrinter) event(ev uploader.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev.Kind {
	case uploader.EventDone:
		p.sent++
	case uploader.EventSkipped:
		p.skipped++
	case uploader.EventFailed:
		p.failed++
	case uploader.EventInvalid:
		p.invalid++
	}
	if ev.Kind == uploader.EventFailed {
		ev.Hint = finalHint(ev.Hint, p.viaServerFlag) // in JSON too: scripts show it to people
	}
	if p.json {
		writeJSONLine(p.w, ev)
		return
	}
	name := safeName(filepath.Base(ev.Path))
	var line string
	switch ev.Kind {
	case uploader.EventUploading, uploader.EventVerifying:
		if _, ok := p.active[ev.Item]; !ok {
			p.order = append(p.order, ev.Item)
		}
		p.active[ev.Item] = ev
		if p.terminal && time.Since(p.lastDraw) >= 100*time.Millisecond {
			p.redraw("")
		}
		return
	case uploader.EventDone:
		line = fmt.Sprintf("sent     %s -> %s (%s in %.1f s)", name, safeName(ev.RemotePath), units.Bytes(ev.Total), ev.Duration.Seconds())
		if ev.Note != "" {
			line += "; " + safeText(ev.Note)
		}
	case uploader.EventSkipped:
		line = fmt.Sprintf("skipped  %s: %s", name, safeText(ev.Note))
	case uploader.EventInvalid:
		var b strings.Builder
		fmt.Fprintf(&b, "INVALID  %s: not sent (%s)", name, safeText(ev.Note))
		if ev.Report != nil {
			for i, f := range ev.Report.Errors() {
				if i == 5 {
					fmt.Fprintf(&b, "\n         ... and %d more", ev.Report.ErrorCount()-5)
					break
				}
				fmt.Fprintf(&b, "\n         %s: %s", safeText(f.Rule), safeText(f.Text))
			}
		}
		line = b.String()
	case uploader.EventFailed:
		line = fmt.Sprintf("FAILED   %s: %s\n         %s", name, safeText(ev.Err), safeText(ev.Hint))
	case uploader.EventRetrying:
		line = fmt.Sprintf("retry    %s in %s: %s", name, ev.RetryIn.Round(100*time.Millisecond), safeText(ev.Err))
	case uploader.EventCanceled:
		line = fmt.Sprintf("canceled %s", name)
	case uploader.EventJournalFailed:
		line = fmt.Sprintf("JOURNAL  %s\n         %s", safeText(ev.Err), safeText(ev.Hint))
	case uploader.EventBatchDone:
		line = fmt.Sprintf("%d sent, %d skipped, %d invalid, %d failed", ev.Sent, ev.Skipped, ev.Invalid, ev.Failed)
	default:
		return
	}
	delete(p.active, ev.Item)
	for i, id := range p.order {
		if id == ev.Item {
			p.order = append(p.order[:i:i], p.order[i+1:]...)
			break
		}
	}
	if p.terminal {
		p.redraw(line)
		return
	}
	fmt.Fprintln(p.w, line)
}

// redraw clears the bars, prints line (a finished file) above them, and draws
// one bar per active file.
func (p *uploadPrinter) redraw(line string) {
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA\x1b[J", p.drawn)
	}
	if line != "" {
		b.WriteString(line + "\n")
	}
	p.drawn = 0
	for _, id := range p.order {
		b.WriteString(progressLine(p.active[id]) + "\n")
		p.drawn++
	}
	p.lastDraw = time.Now()
	io.WriteString(p.w, b.String())
}

func progressLine(ev uploader.Event) string {
	const width = 30
	frac := 0.0
	if ev.Total > 0 {
		frac = float64(ev.Bytes) / float64(ev.Total)
	}
	filled := int(frac * width)
	bar := strings.Repeat("#", filled) + strings.Repeat(".", width-filled)
	name := []rune(safeName(filepath.Base(ev.Path)))
	if len(name) > 28 {
		name = append(name[:25:25], []rune("...")...)
	}
	line := fmt.Sprintf("%-28s [%s] %3.0f%%", string(name), bar, frac*100)
	if ev.Kind == uploader.EventVerifying {
		return line + " verifying"
	}
	if ev.Rate > 0 {
		line += fmt.Sprintf(" %s/s ETA %s", units.Bytes(int64(ev.Rate)), ev.ETA.Round(time.Second))
	}
	return line
}

func (p *uploadPrinter) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal && p.drawn > 0 {
		fmt.Fprintf(p.w, "\x1b[%dA\x1b[J", p.drawn)
		p.drawn = 0
	}
}

// closeService closes the service at the end of an upload. A test child
// replaces it with one that lingers, to reach the second Ctrl-C's path.
var closeService = func(svc *uploader.Service) error { return svc.Close() }
