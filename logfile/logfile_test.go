package logfile

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLogRedactsSecrets(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(Options{Dir: dir, Level: slog.LevelDebug})
	if err != nil {
		t.Fatal(err)
	}
	l.Debug("PASS hunter2", "source", "ftp")
	l.Info("connect", "proxy", "socks5://office:Pr0xy-Pass@proxy.lan:1080", "password", "s3cret", "Token", "tok-123",
		"error", errors.New("dial http://u:leaked@proxy:3128 failed"))
	l.Info("multi", "text", "USER clerk\nPASS hunter3\nSTOR a.al3")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, secret := range []string{"hunter2", "hunter3", "Pr0xy-Pass", "s3cret", "tok-123", "leaked"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
	for _, kept := range []string{"PASS ****", "socks5://office:xxxxx@proxy.lan:1080", "STOR a.al3", "password=[redacted]", "http://u:xxxxx@proxy:3128"} {
		if !strings.Contains(log, kept) {
			t.Errorf("the log lacks %q:\n%s", kept, log)
		}
	}
}

func TestLevelFiltersAndParses(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(Options{Dir: dir, Level: slog.LevelInfo})
	if err != nil {
		t.Fatal(err)
	}
	l.Debug("protocol line")
	l.Info("decision")
	_ = l.Close()
	raw, _ := os.ReadFile(filepath.Join(dir, FileName))
	if strings.Contains(string(raw), "protocol line") || !strings.Contains(string(raw), "decision") {
		t.Errorf("info level:\n%s", raw)
	}
	for in, want := range map[string]slog.Level{"": slog.LevelInfo, "DEBUG": slog.LevelDebug, "warning": slog.LevelWarn, "error": slog.LevelError} {
		if got, err := ParseLevel(in); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseLevel("loud"); err == nil || !strings.Contains(err.Error(), "debug, info, warn or error") {
		t.Errorf("ParseLevel(loud) = %v", err)
	}
}
