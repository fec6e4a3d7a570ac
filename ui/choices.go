package ui

import (
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
)

// choice is a setting's stored value and the words the clerk reads for it.
type choice struct{ value, label string }

// choiceSelect is a selector that shows words and stores values: the clerk
// reads "Passive (works behind most firewalls)", the profile keeps
// "passive".
type choiceSelect struct {
	*widget.Select
	choices []choice
}

func newChoiceSelect(choices []choice) *choiceSelect {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	return &choiceSelect{Select: widget.NewSelect(labels, nil), choices: choices}
}

// setValue selects the choice of value (none for a value not offered).
func (c *choiceSelect) setValue(value string) {
	for _, ch := range c.choices {
		if ch.value == value {
			c.SetSelected(ch.label)
			return
		}
	}
	c.ClearSelected()
}

// value is the stored value of the choice selected, "" for none.
func (c *choiceSelect) value() string {
	for _, ch := range c.choices {
		if ch.label == c.Selected {
			return ch.value
		}
	}
	return ""
}

var (
	modeChoices = []choice{
		{"passive", "Passive (works behind most firewalls)"},
		{"active", "Active (the server connects back to this PC)"},
	}
	tlsChoices = []choice{
		{"explicit", "Encrypted: explicit TLS (FTPES, usual port 21)"},
		{"implicit", "Encrypted: implicit TLS (FTPS, usual port 990)"},
		{"none", "Not encrypted (plain FTP)"},
	}
	existsChoices = []choice{
		{string(profile.KeepBoth), "Keep both: name (2).ext"},
		{string(profile.Overwrite), "Replace the server's file"},
		{string(profile.Skip), "Leave the server's file, do not send"},
	}
	duplicateChoices = []choice{
		{string(profile.DuplicateAsk), "Ask me each time"},
		{string(profile.DuplicateSkip), "Do not send it again"},
		{string(profile.DuplicateSend), "Send it again"},
	}
)
