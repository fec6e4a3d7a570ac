package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"exchange/profile"
	"exchange/uploader"
	"exchange/uploader/watch"
	"exchange/validate"
)

func init() {
	commands["watch"] = command{
		summary: "send the files that appear in folders, once each, when complete: exchange watch [--profile NAME | --server URL] DIR...",
		run:     runWatch,
	}
}

const watchUsage = `usage: exchange watch [--profile NAME | --server URL] [--settle 3s] [--after move|keep|delete]
                      [--include GLOB]... [--exclude GLOB]... [--recursive] [--json] [--state DIR] DIR...

Watches each DIR and sends every file that appears there, once it is complete (its size and date
unchanged for the settle time), to the profile or server. Sent files move to DIR/Sent, invalid or
failed ones to DIR/Failed with NAME.error.txt saying why (--after move, the default); --after keep
leaves them, --after delete deletes sent files. Names downloaders use while writing (*.tmp, *.part,
~$*, .*, *.crdownload) are never taken. Content already sent to the server is not sent again.
Runs until Ctrl-C or SIGTERM (exit 0); a file in flight resumes at the next start.`

// globs is a flag that may be given several times.
type globs []string

func (g *globs) String() string     { return strings.Join(*g, ",") }
func (g *globs) Set(s string) error { *g = append(*g, s); return nil }

type watchFlags struct {
	uploadFlags
	settle, sweep    time.Duration
	after            string
	include, exclude globs
	recursive        bool
}

func runWatch(e env) int {
	var f watchFlags
	fs := newSendFlagSet(e, "watch", &f.uploadFlags)
	fs.DurationVar(&f.settle, "settle", watch.DefaultSettle, "how long a file must stay unchanged before it is sent")
	fs.DurationVar(&f.sweep, "sweep", watch.DefaultSweepEvery, "how often each folder is read again, in case a change was not reported")
	fs.StringVar(&f.after, "after", string(watch.AfterMove), "what to do with a file once handled: move, keep or delete")
	fs.Var(&f.include, "include", "send only files matching this pattern (may be repeated)")
	fs.Var(&f.exclude, "exclude", "never send files matching this pattern (may be repeated)")
	fs.BoolVar(&f.recursive, "recursive", false, "watch the sub-folders too")
	dirs, code, ok := parseSend(e, fs, watchUsage, &f.uploadFlags)
	if !ok {
		return code
	}
	fail := usageFailure(e, "watch")
	after, err := watch.ParseAfter(f.after)
	if err != nil {
		return fail("--after: %v", err)
	}
	if f.settle <= 0 || f.sweep <= 0 {
		return fail("--settle and --sweep must be more than 0")
	}
	p, password, err := profileAndPassword(e, f.uploadFlags) // "ask" becomes "skip": nobody is asked
	if err != nil {
		return fail("%v", err)
	}
	watchProfile := p
	if f.profileName != "" {
		if saved, _, err := savedProfile(f.profileName, f.state); err == nil && saved.Duplicates != profile.DuplicateSend {
			watchProfile.Duplicates = saved.Duplicates // the skip note says a watch does not ask
		}
	} else {
		watchProfile.Duplicates = profile.DuplicateAsk
	}
	vopts, journal, err := openSendState(e, "watch", p, f.state)
	if err != nil {
		return fail("%v", err)
	}
	defer journal.Close()
	svc, err := uploader.New(uploader.Options{
		Journal: journal,
		Validate: func(_ context.Context, r io.ReaderAt, path string, size int64, _ profile.Profile) (*validate.Report, error) {
			return validate.Reader(r, path, size, vopts)
		},
	})
	if err != nil {
		return fail("%v", err)
	}
	svc.SetProfile(p, password)
	svc.Start()
	out := &watchPrinter{w: e.stdout, json: f.asJSON}
	var watches []*watch.Watch
	for _, d := range dirs {
		w, err := watch.New(watch.Options{Dir: d, Profile: watchProfile, Settle: f.settle, SweepEvery: f.sweep,
			After: after, Include: f.include, Exclude: f.exclude, Recursive: f.recursive},
			watch.SingleProfile(svc, p.Name), journal, out.event)
		if err != nil {
			_ = svc.Close()
			return fail("%v", err)
		}
		watches = append(watches, w)
	}

	intr := catchInterrupts(e.stderr, "watch", "; a file in flight resumes at the next start")
	defer intr.stop()
	code, wait := startWatches(intr.ctx, watches, e.stderr)
	if code != ExitOK {
		intr.stop()
	} else if !f.asJSON {
		for _, w := range watches {
			fmt.Fprintf(e.stderr, "exchange watch: watching %s (settle %s, after: %s); Ctrl-C stops\n", safeName(w.Options().Dir), f.settle, after)
		}
	}
	<-intr.ctx.Done()
	closed := make(chan struct{})
	go func() {
		wait()
		_ = closeService(svc) // parks the upload in flight; its events are delivered
		close(closed)
	}()
	intr.within(closed)
	if err := svc.JournalErr(); err != nil {
		fmt.Fprintf(e.stderr, "exchange watch: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	return code
}

// startWatches runs every watch until ctx ends; wait returns once they have
// all stopped. A folder that cannot be read fails at once: the code is then
// ExitUsage (the caller stops the others).
func startWatches(ctx context.Context, watches []*watch.Watch, stderr io.Writer) (code int, wait func()) {
	errs := make(chan error, len(watches))
	var wg sync.WaitGroup
	for _, w := range watches {
		wg.Go(func() { errs <- w.Run(ctx) })
	}
	code = ExitOK
	// A folder that cannot be read fails within moments; give the watches those.
	timer := time.NewTimer(300 * time.Millisecond)
	defer timer.Stop()
	for range watches {
		select {
		case err := <-errs:
			if err != nil {
				fmt.Fprintf(stderr, "exchange watch: %s\n", safeText(err.Error()))
				code = ExitUsage
			}
			continue
		case <-timer.C:
		}
		break
	}
	return code, wg.Wait
}

// watchPrinter prints one line per file handled (or every event as JSON).
type watchPrinter struct {
	mu   sync.Mutex
	w    io.Writer
	json bool
}

func (p *watchPrinter) event(ev watch.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.json {
		writeJSONLine(p.w, ev)
		return
	}
	name := safeName(filepath.Base(ev.Path))
	var line string
	switch ev.Kind {
	case watch.EventSent:
		line = fmt.Sprintf("sent     %s -> %s", name, safeName(ev.RemotePath))
		if ev.Note != "" {
			line += " (" + safeText(ev.Note) + ")"
		}
		line += afterText(ev)
	case watch.EventSkipped:
		line = fmt.Sprintf("skipped  %s: %s", name, safeText(ev.Reason))
	case watch.EventFailed:
		line = fmt.Sprintf("FAILED   %s: %s%s", name, safeText(ev.Reason), afterText(ev))
	case watch.EventWaiting:
		line = fmt.Sprintf("waiting  %s: %s", name, safeText(ev.Reason))
	case watch.EventProblem:
		line = fmt.Sprintf("problem  %s", safeText(ev.Reason))
	default:
		return
	}
	fmt.Fprintln(p.w, line)
}

// afterText says where the after-policy put the file.
func afterText(ev watch.Event) string {
	switch {
	case ev.Deleted:
		return "; deleted"
	case ev.MovedTo != "":
		rel, err := filepath.Rel(ev.Dir, ev.MovedTo)
		if err != nil {
			rel = ev.MovedTo
		}
		return "; moved to " + safeName(filepath.ToSlash(rel))
	}
	return ""
}
