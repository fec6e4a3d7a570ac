package desktop

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/localserver"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// TestJourneyCrashWithAnOpenQuestionOpensCleanly: the program killed while
// the already-sent question is on screen leaves that file in its journal;
// the next start opens, asks again, and sends it when told to.
func TestJourneyCrashWithAnOpenQuestionOpensCleanly(t *testing.T) {
	j := newJourney(t, noSecretService{})
	f := writeAL3(t, t.TempDir(), "policy.al3")
	kill(t, j.child("question", "FILE="+f))

	j.open()
	j.waitFor("the restored file to be asked about or sent", func() bool {
		return j.dialogShown("Send it again?") || j.lastState(f) == uploader.EventDone
	})
	if j.dialogShown("Send it again?") {
		t.Log("the restored file's question is asked again")
		j.answer("Send it again?", "Yes")
	} else {
		t.Log("the journal had not kept the first send: the restored file went without a question")
	}
	j.waitState(f, uploader.EventDone)
	if n := filesIn(t, j.inbox); n < 1 {
		t.Fatalf("the inbox holds %d files", n)
	}
}

// TestJourneyKillMidUploadResumesWithTheAskedPassword: the program killed
// in the middle of an upload, on a PC with no keychain; the next start asks
// for the password before logging in, resumes the upload where the server
// has it, and the file arrives identical.
func TestJourneyKillMidUploadResumesWithTheAskedPassword(t *testing.T) {
	j := newJourney(t, noSecretService{})
	p, srv := j.agency(localserver.TLSOff, 1)
	big := filepath.Join(t.TempDir(), "big.al3")
	out, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := al3gen.WriteLarge(out, 3<<20, al3gen.CRLF); err != nil {
		t.Fatal(err)
	}
	out.Close()

	child := j.child("upload", "FILE="+big, "PROFILE="+p.Name, "PASSWORD="+agencyPassword)
	j.waitFor("part of the file on the server", func() bool {
		entries, _ := os.ReadDir(srv.Dir())
		for _, e := range entries {
			if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".exchange-part") && info.Size() > 256<<10 {
				return true
			}
		}
		return false
	})
	kill(t, child)

	j.open()
	j.typePassword(agencyPassword)
	j.waitState(big, uploader.EventDone)
	want, _ := os.ReadFile(big)
	got, err := os.ReadFile(filepath.Join(srv.Dir(), "big.al3"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the file on the server (%d bytes, %v) differs from the one sent (%d bytes)", len(got), err, len(want))
	}
	if !strings.Contains(j.d.Log.Text(), "REST ") {
		t.Error("the upload started over instead of resuming (no REST in the log)")
	}
	if n := j.emptyLogins(); n != 0 {
		t.Fatalf("%d logins were tried with an empty password", n)
	}
}
