// Package units writes sizes, speeds and times left the way people read
// them, the same in the window, the command line and the service's notes.
package units

import (
	"fmt"
	"time"
)

// Bytes writes a byte count the way people read it: 0 B, 812 B, 4.1 KB, 12.3 MB, 1.07 GB.
func Bytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	format := "%.1f %cB"
	if v >= 100 {
		format = "%.0f %cB"
	}
	return fmt.Sprintf(format, v, "KMGTPE"[exp])
}

// Rate writes a speed in bytes per second.
func Rate(bps float64) string {
	if bps <= 0 {
		return ""
	}
	return Bytes(int64(bps)) + "/s"
}

// ETA writes the time left: "5 s left", "2 min 05 s left", "1 h 12 min left".
func ETA(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s left", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min %02d s left", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%d h %02d min left", int(d.Hours()), int(d.Minutes())%60)
}

// Progress is the detail line of a moving file: "4.1 MB of 12.0 MB · 2.3 MB/s · 4 s left".
func Progress(bytes, total int64, rate float64, eta time.Duration) string {
	s := Bytes(bytes) + " of " + Bytes(total)
	if r := Rate(rate); r != "" {
		s += " · " + r
	}
	if e := ETA(eta); e != "" {
		s += " · " + e
	}
	return s
}
