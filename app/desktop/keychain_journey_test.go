package desktop

import (
	"testing"

	"exchange/localserver"
	"exchange/uploader"
)

// TestJourneyNoKeychainAsksThePasswordBeforeAnyLogin is issue 14 item 5: on
// a PC without a secret service, the password is asked (with the reason in
// plain words, not a D-Bus error) before any login; a file restored after a
// restart asks again rather than logging in with an empty password; a
// canceled question fails the file without a login, and Retry asks again.
func TestJourneyNoKeychainAsksThePasswordBeforeAnyLogin(t *testing.T) {
	j := newJourney(t, noSecretService{})
	p, _ := j.agency(localserver.TLSOff, 1)
	j.open()
	j.choose(p.Name)
	text := j.typePassword(agencyPassword)
	if !containsFold(text, "keychain is not available") || containsFold(text, "freedesktop") {
		t.Errorf("the password dialog does not say plainly that the keychain is unavailable:\n%s", text)
	}
	first := writeAL3(t, t.TempDir(), "first.al3")
	j.drop(first)
	j.waitState(first, uploader.EventDone)

	// A file left in the queue by the last run.
	j.tap(j.win().Content(), "Pause")
	restored := writeAL3(t, t.TempDir(), "restored.al3")
	j.drop(restored)
	j.waitState(restored, uploader.EventWaiting)
	j.restart()
	j.typePassword(agencyPassword)
	j.waitState(restored, uploader.EventDone)
	if n := j.emptyLogins(); n != 0 {
		t.Fatalf("%d logins were tried with an empty password", n)
	}

	// Canceled at the next start: the restored file fails without a
	// login, and Retry asks again.
	j.tap(j.win().Content(), "Pause")
	later := writeAL3(t, t.TempDir(), "later.al3")
	j.drop(later)
	j.waitState(later, uploader.EventWaiting)
	j.restart()
	j.tap(j.waitDialog("Password for"), "Cancel")
	j.waitState(later, uploader.EventFailed)
	its := j.items(later)
	if last := its[len(its)-1]; !containsFold(last.Err, "no password was given") {
		t.Errorf("the file failed with %q, want it to say no password was given", last.Err)
	}
	if err := j.d.Service.Retry(its[len(its)-1].ID); err != nil {
		t.Fatal(err)
	}
	j.d.Service.Start()
	j.typePassword(agencyPassword)
	j.waitState(later, uploader.EventDone)
	if n := j.emptyLogins(); n != 0 {
		t.Fatalf("%d logins were tried with an empty password", n)
	}
}
