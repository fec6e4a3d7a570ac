package app

import (
	"testing"
	"time"

	"exchange/audit"
	"exchange/uploader"
)

// Each decision is one record; steps in between are none; a file taken off
// the list after its decision adds none, one taken off before it is one.
func TestAuditEventsOneRecordPerDecision(t *testing.T) {
	dir := t.TempDir()
	trail, err := audit.Open(audit.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	feed := AuditEvents(trail, func(string) string { return "ftp.example:21" }, func(err error) { t.Error(err) })
	now := time.Now()
	for _, e := range []uploader.Event{
		{Kind: uploader.EventQueued, Item: "a", Path: "/a"},
		{Kind: uploader.EventUploading, Item: "a", Path: "/a"},
		{Kind: uploader.EventRetrying, Item: "a", Path: "/a", Err: "reset"},
		{Kind: uploader.EventDone, Item: "a", Path: "/a", RemotePath: "/in/a", Size: 3, SHA256: "ab", Time: now},
		{Kind: uploader.EventRemoved, Item: "a", Path: "/a"},
		{Kind: uploader.EventWaiting, Item: "b", Path: "/b"},
		{Kind: uploader.EventRemoved, Item: "b", Path: "/b"},
		{Kind: uploader.EventFailed, Item: "c", Path: "/c", Err: "530 Login incorrect", Note: "gave up"},
		{Kind: uploader.EventBatchDone, Sent: 1, Failed: 1},
	} {
		feed(e)
	}
	_ = trail.Close()
	records, _, err := audit.Read(dir, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	for _, r := range records {
		outcomes = append(outcomes, r.Path+":"+r.Outcome)
	}
	if len(records) != 3 || outcomes[0] != "/a:sent" || outcomes[1] != "/b:removed" || outcomes[2] != "/c:failed" {
		t.Fatalf("records: %v", outcomes)
	}
	if records[0].RemotePath != "/in/a" || records[0].Server != "ftp.example:21" || records[2].Reason != "530 Login incorrect; gave up" {
		t.Errorf("records: %+v", records)
	}
}
