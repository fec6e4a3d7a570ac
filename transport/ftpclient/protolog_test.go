package ftpclient

import (
	"slices"
	"testing"
)

// exchange is the start of a session as jlaffaye's debug output writes it:
// in pieces that do not follow line ends.
var exchange = []string{
	"220 ready\r\nUSER clerk\r\n331 pass", "word please\r\nPASS s3cret\r\n230 in\r\n",
	"FEAT\r\n211-Features:\r\n SIZE\r\n HASH SHA-256*;SHA-1\r\n211 End\r\n",
}

func TestProtocolLogCutsLinesMasksPasswordsAndKeepsFeatures(t *testing.T) {
	var lines []string
	l := newProtocolLog(func(s string) { lines = append(lines, s) })
	for _, p := range exchange {
		if _, err := l.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"220 ready", "USER clerk", "331 password please", "PASS ****", "230 in",
		"FEAT", "211-Features:", " SIZE", " HASH SHA-256*;SHA-1", "211 End"}
	if !slices.Equal(lines, want) {
		t.Fatalf("lines:\n%q\nwant\n%q", lines, want)
	}
	f := l.features()
	if _, ok := f["SIZE"]; !ok || f["HASH"] != "SHA-256*;SHA-1" {
		t.Fatalf("features %v, want SIZE and HASH SHA-256*;SHA-1", f)
	}
}

func TestProtocolLogWithAReaderKeepsGoingAfterLogin(t *testing.T) {
	var lines []string
	l := newProtocolLog(func(s string) { lines = append(lines, s) })
	for _, p := range exchange {
		_, _ = l.Write([]byte(p))
	}
	l.stopUnlessRead()
	_, _ = l.Write([]byte("SIZE a.al3\r\n213 10\r\n"))
	if got := lines[len(lines)-2:]; !slices.Equal(got, []string{"SIZE a.al3", "213 10"}) {
		t.Fatalf("after login the log shows %q, want the SIZE exchange", got)
	}
}

func TestProtocolLogWithoutAReaderStopsAfterLoginButKeepsFeatures(t *testing.T) {
	l := newProtocolLog(nil)
	for _, p := range exchange {
		_, _ = l.Write([]byte(p))
	}
	l.stopUnlessRead()
	// A later FEAT-like reply is not parsed any more: the features stay as
	// they were at login, and nothing is buffered.
	later := []byte("FEAT\r\n211-Features:\r\n MLST\r\n211 End\r\npartial")
	if n, err := l.Write(later); n != len(later) || err != nil {
		t.Fatalf("Write = %d, %v; want every byte taken", n, err)
	}
	f := l.features()
	if _, ok := f["MLST"]; ok {
		t.Fatalf("features %v: the log went on parsing after login", f)
	}
	if _, ok := f["SIZE"]; !ok {
		t.Fatalf("features %v: lost the ones seen at login", f)
	}
	if l.partial.Len() != 0 {
		t.Fatalf("the stopped log buffered %q", l.partial.String())
	}
}
