package ui

import (
	"fmt"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
	"exchange/transport/bandwidth"
)

// speedRates are the global limits the top bar offers after "No limit".
var speedRates = []string{"256 KB/s", "512 KB/s", "1 MB/s", "2 MB/s", "5 MB/s", "10 MB/s"}

// newSpeedLimit is the top bar's speed limit: all uploads together, changed
// at once, also during a batch. A limit the administrator set is shown and
// locked. nil limits: nothing to show. The choice is kept in prefs for the
// next start (speedlimit_pref.go).
func newSpeedLimit(limits *bandwidth.Limits, adminLimit string, prefs fyne.Preferences) fyne.CanvasObject {
	if limits == nil {
		return container.NewHBox()
	}
	restoreSpeedLimit(limits, adminLimit, prefs)
	noLimit := lang.L("No limit")
	choices := append([]string{noLimit}, speedRates...)
	current := noLimit
	if bps := limits.Global(); bps > 0 {
		current = bandwidth.FormatRate(bps)
		if !containsString(choices, current) {
			choices = append(choices, current)
		}
	}
	sel := widget.NewSelect(choices, func(s string) {
		bps, err := bandwidth.ParseRate(s)
		if s == noLimit || err != nil {
			bps = 0
		}
		limits.SetGlobal(bps)
		if adminLimit == "" {
			rememberSpeedLimit(prefs, s, bps)
		}
	})
	sel.SetSelected(current)
	label := widget.NewLabel(lang.L("Speed:"))
	if adminLimit != "" {
		sel.Disable()
		label.SetText(fmt.Sprintf(lang.L("Speed (%s):"), setByAdministrator()))
	}
	return container.NewHBox(label, sel)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// adminSpeedLimit is the administrator's global limit, "" when none.
func adminSpeedLimit() string {
	pol, _ := profile.MachinePolicies()
	return pol.SpeedLimit
}
