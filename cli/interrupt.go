package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/term"
)

// ExitInterrupted is the exit code after Ctrl-C (SIGINT) or SIGTERM: 128 + 2,
// as a shell reports a command killed by SIGINT.
const ExitInterrupted = 130

// stopGrace is how long a command lets its work wind down after the first
// Ctrl-C (uploads stop, their temporary files stay on the server, the journal
// commits) before it leaves anyway.
var stopGrace = 1500 * time.Millisecond

// exitNow ends the process. It is called only when waiting any longer would
// make Ctrl-C useless: a second Ctrl-C, or work that did not stop within
// stopGrace. Leaving then is as safe as a crash, which the journal survives
// (each commit is atomic and every queued file is on disk before it is
// started), and the unfinished files stay queued for the next run.
var exitNow = os.Exit

// interrupts turns the first SIGINT or SIGTERM into the cancellation of ctx
// and the second into an exit at once.
type interrupts struct {
	ctx      context.Context
	cancel   context.CancelFunc
	sigs     chan os.Signal
	done     chan struct{}
	stopOnce sync.Once
	got      atomic.Bool
	stderr   io.Writer
	command  string
	leaving  string // what stays behind, said when stopping: "unfinished files stay queued"
}

// catchInterrupts starts watching for Ctrl-C; call stop when the command
// ends. leaving says what stays behind when the command stops early.
func catchInterrupts(stderr io.Writer, command, leaving string) *interrupts {
	ctx, cancel := context.WithCancel(context.Background())
	in := &interrupts{ctx: ctx, cancel: cancel, sigs: make(chan os.Signal, 2), done: make(chan struct{}),
		stderr: stderr, command: command, leaving: leaving}
	signal.Notify(in.sigs, os.Interrupt, syscall.SIGTERM)
	go in.watch()
	return in
}

func (in *interrupts) watch() {
	select {
	case <-in.sigs:
	case <-in.done:
		return
	}
	in.got.Store(true)
	fmt.Fprintf(in.stderr, "exchange %s: stopping%s (Ctrl-C again to quit at once)\n", in.command, in.leaving)
	in.cancel()
	select {
	case <-in.sigs:
		fmt.Fprintf(in.stderr, "exchange %s: stopped at once%s\n", in.command, in.leaving)
		exitNow(ExitInterrupted)
	case <-in.done:
	}
}

// interrupted reports whether Ctrl-C (or SIGTERM) was received.
func (in *interrupts) interrupted() bool { return in.got.Load() }

// stop stops watching; Ctrl-C then ends the process as usual.
func (in *interrupts) stop() {
	in.stopOnce.Do(func() {
		signal.Stop(in.sigs)
		close(in.done)
		in.cancel()
	})
}

// within waits until done is closed; once Ctrl-C has been pressed, it waits
// at most stopGrace more, then leaves the process (see exitNow).
func (in *interrupts) within(done <-chan struct{}) {
	select {
	case <-done:
		return
	case <-in.ctx.Done():
	}
	timer := time.NewTimer(stopGrace)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		fmt.Fprintf(in.stderr, "exchange %s: the server did not let go within %s; stopped%s\n", in.command, stopGrace, in.leaving)
		exitNow(ExitInterrupted)
	}
}

// restoreTerminalOnInterrupt guards a password prompt: the terminal's echo
// is off while it waits, and Ctrl-C would otherwise end the process with
// the echo still off, leaving the clerk's terminal blind. On Ctrl-C (or
// SIGTERM) it puts the terminal back as it was and exits 130. Call the
// returned function once the prompt has its answer.
func restoreTerminalOnInterrupt(fd int, stderr io.Writer) (stop func()) {
	state, err := term.GetState(fd)
	if err != nil {
		return func() {}
	}
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-sigs:
			_ = term.Restore(fd, state)
			fmt.Fprintln(stderr, "\nexchange: interrupted at the password prompt")
			exitNow(ExitInterrupted)
		case <-done:
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
		})
	}
}
