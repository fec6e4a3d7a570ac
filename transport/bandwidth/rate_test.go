package bandwidth

import (
	"strings"
	"testing"
)

func TestParseRate(t *testing.T) {
	good := map[string]int64{
		"":          0,
		"0":         0,
		"unlimited": 0,
		"2MB/s":     2_000_000,
		"2 MB/s":    2_000_000,
		"2mb/s":     2_000_000,
		"512KB/s":   512_000,
		"2M":        2_000_000,
		"500k":      500_000,
		"1.5 MB/s":  1_500_000,
		"1MiB/s":    1 << 20,
		"1048576":   1048576,
		"64 KBps":   64_000,
	}
	for in, want := range good {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"fast", "2 MB/h", "-1MB/s", "12", "NaN", "1e30"} {
		if _, err := ParseRate(in); err == nil || !strings.Contains(err.Error(), in) {
			t.Errorf("ParseRate(%q) = %v, want an error naming it", in, err)
		}
	}
	if got := FormatRate(2_000_000); got != "2.0 MB/s" {
		t.Errorf("FormatRate = %q", got)
	}
	if got := FormatRate(0); got != "unlimited" {
		t.Errorf("FormatRate(0) = %q", got)
	}
}
