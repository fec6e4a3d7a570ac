package ui

import (
	"strings"
	"testing"

	"exchange/internal/uitest"
)

// TestPasswordPromptNamesTheServerProfile: two profiles of one agency often
// share user and host (a test and a live account on two ports); the prompt
// at start or on choosing one must say which of them it is asking for, not
// only "Password for clerk@host" (seen as a clerk after a restart).
func TestPasswordPromptNamesTheServerProfile(t *testing.T) {
	h := newHarness(t, withKeychain())
	live := agencyProfile("Carrier live")
	live.Port = 2121
	if err := h.store.Save(live); err != nil {
		t.Fatal(err)
	}
	staging := agencyProfile("Carrier staging")
	staging.Port = 2122
	d := h.chooseUnrememberedProfile(staging)
	var text string
	onUIWait(func() { text = uitest.TextOf(d) })
	if !strings.Contains(text, staging.Name) {
		t.Errorf("the password prompt does not name the profile %q:\n%s", staging.Name, text)
	}
	h.tapButton(d, "Cancel")
}
