package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseRate reads a speed limit in bytes a second: "2MB/s", "2 MB/s",
// "512KB/s", "2M", "500k", "1.5 MB/s", "1048576" (bytes), "1MiB/s"
// (1024-based). KB and MB are 1000-based, as Exchange shows speeds. "",
// "0", "none" and "unlimited" mean no limit (0).
func ParseRate(s string) (int64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	switch t {
	case "", "0", "none", "off", "unlimited":
		return 0, nil
	}
	t = strings.TrimSuffix(strings.TrimSuffix(t, "/s"), "ps")
	mult := 1.0
	for _, u := range []struct {
		suffix string
		mult   float64
	}{
		{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
		{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
		{"k", 1e3}, {"m", 1e6}, {"g", 1e9},
		{"b", 1},
	} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = rest, u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("%q is not a speed: write it like 2MB/s, 500KB/s, 2M or 500k (bytes a second)", s)
	}
	bps := v * mult
	if bps > 0 && bps < 1000 {
		return 0, fmt.Errorf("%q is too slow a limit: the least is 1 KB/s", s)
	}
	if bps > 1e15 {
		return 0, fmt.Errorf("%q is not a sensible speed limit", s)
	}
	return int64(bps), nil
}
