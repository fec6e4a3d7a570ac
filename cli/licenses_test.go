package cli

import (
	"bytes"
	"strings"
	"testing"

	"exchange/internal/notices"
)

// TestLicensesPrintsTheEmbeddedNotices runs in both kinds of build: with
// notices embedded (after make notices, as the installers build) it prints
// them; without, it says where they are and fails.
func TestLicensesPrintsTheEmbeddedNotices(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Run([]string{"--licenses"}, nil, &out, &errOut)
	text, embedded := notices.Text()
	if embedded {
		if code != ExitOK || out.String() != text {
			t.Fatalf("exit %d, printed %d bytes of %d", code, out.Len(), len(text))
		}
		if !strings.Contains(out.String(), "MIT License") || !strings.Contains(out.String(), "github.com/jlaffaye/ftp") {
			t.Error("the notices lack Exchange's licence or jlaffaye/ftp's")
		}
		return
	}
	if code != ExitFailed || out.Len() != 0 || !strings.Contains(errOut.String(), "make notices") {
		t.Errorf("without notices: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}
