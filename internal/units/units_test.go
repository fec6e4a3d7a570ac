package units

import (
	"testing"
	"time"
)

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 KB", 4096: "4.1 KB",
		12_345_678: "12.3 MB", 1 << 30: "1.1 GB", 250_000_000: "250 MB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatETAAndProgress(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "", 4 * time.Second: "4 s left",
		125 * time.Second: "2 min 05 s left", 72 * time.Minute: "1 h 12 min left"} {
		if got := ETA(d); got != want {
			t.Errorf("ETA(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Progress(4_100_000, 12_000_000, 2_300_000, 4*time.Second); got != "4.1 MB of 12.0 MB · 2.3 MB/s · 4 s left" {
		t.Errorf("Progress = %q", got)
	}
	if got := Progress(0, 10, 0, 0); got != "0 B of 10 B" {
		t.Errorf("Progress at start = %q", got)
	}
}
