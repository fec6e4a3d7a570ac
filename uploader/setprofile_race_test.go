package uploader

import (
	"fmt"
	"sync"
	"testing"
)

// TestSetProfileWhileFilesAreValidated: the window sets the profile again
// (a password typed, a server chosen) while dropped files are being
// validated. The validator used to read the profile after letting go of the
// service's lock, which the race detector caught in a journey test (the
// startup prompt, then a drop): it must take its copy under the lock.
func TestSetProfileWhileFilesAreValidated(t *testing.T) {
	h := newHarness(t, newFakeServer(), testProfile(), nil)
	var paths []string
	for i := range 40 {
		paths = append(paths, h.file(fmt.Sprintf("f%02d.al3", i), fmt.Sprint(i)))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			p := testProfile()
			p.MaxRetries = 3 + i%2
			h.svc.SetProfile(p, "secret")
		}
	}()
	var ids []ItemID
	for _, path := range paths { // one at a time: each starts a validator
		added, err := h.svc.Add(path)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, added...)
	}
	h.svc.Start()
	h.wait()
	close(stop)
	wg.Wait()
	for _, id := range ids {
		if it := h.rec.last(id); it.Kind != EventDone {
			t.Errorf("%s ended %s: %s", id, it.Kind, it.Err)
		}
	}
}
