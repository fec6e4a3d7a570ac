package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
	"exchange/transport/bandwidth"
)

// speedChoices are the global limits the top bar offers; "No limit" first.
var speedChoices = []string{"No limit", "256 KB/s", "512 KB/s", "1 MB/s", "2 MB/s", "5 MB/s", "10 MB/s"}

// newSpeedLimit is the top bar's speed limit: all uploads together, changed
// at once, also during a batch. A limit the administrator set is shown and
// locked. nil limits: nothing to show. The choice is kept in prefs for the
// next start (speedlimit_pref.go).
func newSpeedLimit(limits *bandwidth.Limits, adminLimit string, prefs fyne.Preferences) fyne.CanvasObject {
	if limits == nil {
		return container.NewHBox()
	}
	restoreSpeedLimit(limits, adminLimit, prefs)
	choices := speedChoices
	current := "No limit"
	if bps := limits.Global(); bps > 0 {
		current = bandwidth.FormatRate(bps)
		if !containsString(choices, current) {
			choices = append(append([]string(nil), choices...), current)
		}
	}
	sel := widget.NewSelect(choices, func(s string) {
		bps, err := bandwidth.ParseRate(s)
		if s == "No limit" || err != nil {
			bps = 0
		}
		limits.SetGlobal(bps)
		if adminLimit == "" {
			rememberSpeedLimit(prefs, s, bps)
		}
	})
	sel.SetSelected(current)
	label := widget.NewLabel("Speed:")
	if adminLimit != "" {
		sel.Disable()
		label.SetText("Speed (" + profile.SetByAdministrator + "):")
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
