package ui

import (
	"fyne.io/fyne/v2/lang"
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

// The choices of Settings' selectors, in the clerk's language (functions,
// not variables, so that they are read after the language is chosen).

func modeChoices() []choice {
	return []choice{
		{"passive", lang.L("Passive (works behind most firewalls)")},
		{"active", lang.L("Active (the server connects back to this PC)")},
	}
}

func tlsChoices() []choice {
	return []choice{
		{"explicit", lang.L("Encrypted: explicit TLS (FTPES, usual port 21)")},
		{"implicit", lang.L("Encrypted: implicit TLS (FTPS, usual port 990)")},
		{"none", lang.L("Not encrypted (plain FTP)")},
	}
}

func existsChoices() []choice {
	return []choice{
		{string(profile.KeepBoth), lang.L("Keep both: name (2).ext")},
		{string(profile.Overwrite), lang.L("Replace the server's file")},
		{string(profile.Skip), lang.L("Leave the server's file, do not send")},
	}
}

func duplicateChoices() []choice {
	return []choice{
		{string(profile.DuplicateAsk), lang.L("Ask me each time")},
		{string(profile.DuplicateSkip), lang.L("Do not send it again")},
		{string(profile.DuplicateSend), lang.L("Send it again")},
	}
}
