package ftpclient

import (
	"bufio"
	"errors"
	"strings"
	"testing"
	"time"

	"exchange/transport"
)

// TestBudgetDefaultsAreThePromisedValues: the tests elsewhere shorten the
// budgets; these are the values a clerk's program runs with.
func TestBudgetDefaultsAreThePromisedValues(t *testing.T) {
	var c transport.Config
	if got := c.GreetingWait(); got != 15*time.Second {
		t.Errorf("greeting budget %v, want 15s", got)
	}
	if got := c.TLSProbeWait(); got != 3*time.Second {
		t.Errorf("TLS probe after %v, want 3s", got)
	}
	if got := c.ReplyBudget(); got != 64<<10 {
		t.Errorf("reply budget %d, want 64 KiB", got)
	}
	if got := c.ReplyLineBudget(); got != 8<<10 {
		t.Errorf("line budget %d, want 8 KiB", got)
	}
	if got := c.WaitTimeout(); got != 30*time.Second {
		t.Errorf("timeout %v, want 30s", got)
	}
	for _, w := range []struct {
		sent int64
		want time.Duration
	}{{0, 30 * time.Second}, {8 << 20, 62*time.Second + 125*time.Millisecond}, {1 << 30, 78 * time.Second}, {1 << 40, 120 * time.Second}} {
		if got := c.FinishWait(w.sent); got != w.want {
			t.Errorf("wait for 226 after %d bytes: %v, want %v", w.sent, got, w.want)
		}
	}
	c.FinishTimeout = time.Second
	if got := c.FinishWait(1 << 30); got != time.Second {
		t.Errorf("a set FinishTimeout is used as is: got %v", got)
	}
}

// TestControlReplyBudgets: our own reply reader refuses a line or a reply
// over budget, multi-line replies counted whole.
func TestControlReplyBudgets(t *testing.T) {
	for _, c := range []struct {
		name, in string
		line     bool
	}{
		{"one long line", "220 " + strings.Repeat("x", 200) + "\r\n", true},
		{"long line without an end", "220 " + strings.Repeat("x", 5000), true},
		{"many short lines", strings.Repeat("220-hello there\r\n", 100) + "220 end\r\n", false},
	} {
		ctl := &control{r: bufio.NewReaderSize(strings.NewReader(c.in), 16), maxLine: 100, maxReply: 1000}
		_, _, err := ctl.reply()
		var tooLong *ReplyTooLongError
		if !errors.As(err, &tooLong) || tooLong.Line != c.line {
			t.Errorf("%s: %v, want a reply-too-long error (line: %v)", c.name, err, c.line)
		}
	}
	ctl := &control{r: bufio.NewReader(strings.NewReader(strings.Repeat("220-hello\r\n", 10) + "220 " + strings.Repeat("y", 90) + "\r\n")), maxLine: 100, maxReply: 1000}
	if code, _, err := ctl.reply(); err != nil || code != 220 {
		t.Errorf("a reply within both budgets: %d, %v", code, err)
	}
}
