package ui

import (
	"fyne.io/fyne/v2"

	"exchange/transport/bandwidth"
)

// speedLimitKey is the preference that keeps the limit chosen in the top
// bar, so that a restart does not lift it.
const speedLimitKey = "speed.limit"

// restoreSpeedLimit applies the limit chosen in an earlier run, unless the
// administrator set one (which rules) or one is set already.
func restoreSpeedLimit(limits *bandwidth.Limits, adminLimit string, prefs fyne.Preferences) {
	if limits == nil || prefs == nil || adminLimit != "" || limits.Global() > 0 {
		return
	}
	if bps, err := bandwidth.ParseRate(prefs.String(speedLimitKey)); err == nil && bps > 0 {
		limits.SetGlobal(bps)
	}
}

// rememberSpeedLimit keeps the limit chosen ("" for none) for the next start.
func rememberSpeedLimit(prefs fyne.Preferences, choice string, bps int64) {
	if prefs == nil {
		return
	}
	if bps <= 0 {
		choice = ""
	}
	prefs.SetString(speedLimitKey, choice)
}
