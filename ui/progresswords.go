package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"exchange/internal/units"
)

// progressText is the detail line of a moving file in the clerk's
// language: "4.1 MB of 12.0 MB · 2.3 MB/s · 4 s left". (units.Progress
// says the same in English, for the command line.)
func progressText(bytes, total int64, rate float64, eta time.Duration) string {
	s := fmt.Sprintf(lang.L("%s of %s"), units.Bytes(bytes), units.Bytes(total))
	if r := units.Rate(rate); r != "" {
		s += " · " + r
	}
	if e := timeLeft(eta); e != "" {
		s += " · " + e
	}
	return s
}

// timeLeft says the time left in the clerk's language: "5 s left",
// "2 min 05 s left", "1 h 12 min left" ("" when unknown).
func timeLeft(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf(lang.L("%d s left"), int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf(lang.L("%d min %02d s left"), int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf(lang.L("%d h %02d min left"), int(d.Hours()), int(d.Minutes())%60)
}
