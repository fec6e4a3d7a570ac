package main

import (
	"testing"
	"time"
)

func TestStageTimesFromExchangeEvents(t *testing.T) {
	out := []byte(`{"event":"queued","time":"2026-12-06T12:00:00Z"}
{"event":"validating","time":"2026-12-06T12:00:01Z"}
{"event":"waiting","time":"2026-12-06T12:00:03Z"}
not JSON: a line exchange prints for people
{"event":"uploading","time":"2026-12-06T12:00:03.5Z"}
{"event":"uploading","time":"2026-12-06T12:00:05Z"}
{"event":"verifying","time":"2026-12-06T12:00:07.5Z"}
{"event":"done","time":"2026-12-06T12:00:08Z"}
`)
	got, err := stageTimes(out)
	if err != nil {
		t.Fatal(err)
	}
	want := stages{check: 2 * time.Second, connect: 500 * time.Millisecond, upload: 4 * time.Second, finish: 500 * time.Millisecond}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if _, err := stageTimes([]byte(`{"event":"validating","time":"2026-12-06T12:00:01Z"}`)); err == nil {
		t.Fatal("output without the later events gave stage times")
	}
}
