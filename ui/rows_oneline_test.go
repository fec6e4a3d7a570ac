package ui

import (
	"strings"
	"testing"

	"exchange/uploader"
)

// TestRowDetailIsOneLine: a failure whose error has several lines (a
// broken pipe, then the TLS close, then what the server wrote: errors.Join)
// stays on the row's second line, cut with an ellipsis; its lines used to
// be drawn over the next row (seen as a clerk when the server went away).
func TestRowDetailIsOneLine(t *testing.T) {
	r := row{Name: "h31.al3", State: uploader.EventFailed, Hint: "The network or the server had a problem.",
		Err: "STOR /in/.h31.al3.exchange-part: write: broken pipe\ntls: failed to send closeNotify alert\r\ntls: received record with version 3030"}
	got := rowDetail(r)
	if strings.ContainsAny(got, "\r\n") {
		t.Errorf("the row's detail has a line break: %q", got)
	}
	for _, part := range []string{"broken pipe", "closeNotify", "version 3030", r.Hint} {
		if !strings.Contains(got, part) {
			t.Errorf("the row's detail %q lost %q", got, part)
		}
	}
}
