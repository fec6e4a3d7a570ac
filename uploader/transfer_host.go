package uploader

// The narrow interfaces through which a transfer talks to the service, and
// the service's side of them (itemLink: one item of one Service).

import (
	"context"
	"io"
	"time"
)

// itemRecord is the item's journal record as a transfer changes it.
type itemRecord interface {
	// keep changes the record in memory only (a small file is simply sent
	// again after a crash).
	keep(rec journalItem)
	// save changes the record and stores it, on disk as soon as d says.
	save(rec journalItem, d durability) error
	// saveAsync changes the record and stores it; the channel says when it
	// is on disk.
	saveAsync(rec journalItem) <-chan error
	// uploadBegins says a temporary file may exist on the server from now on.
	uploadBegins()
}

// itemEvents is the item's event stream.
type itemEvents interface {
	report(e Event)
}

// finalNames are the final names the files of the service chose.
type finalNames interface {
	// claimFinal reserves remote as the item's final name and reports
	// whether another file holds it; with ifFree a name another file holds
	// is left to it.
	claimFinal(remote string, ifFree bool) (heldByOther bool)
}

// folderLookup is what the service knows of the names in the transfer's
// remote folder (folders.go).
type folderLookup interface {
	// worthListing says whether to list the folder before choosing a name.
	worthListing() bool
	// remember stores a listing asked for at asked, by the machine's clock
	// (nil: it failed).
	remember(names []string, asked time.Time)
	// taken answers from a fresh listing; known false: ask the server.
	taken(name string) (taken, known bool)
	// arrive records a file renamed to name.
	arrive(name string)
}

// speedLimits hold the bytes of an upload to the office's speed limits
// (Options.Throttle).
type speedLimits interface {
	// throttle wraps the bytes read from the local file.
	throttle(ctx context.Context, r io.Reader) io.Reader
}

// itemLink is one item of a Service, as its transfer sees it.
type itemLink struct {
	s  *Service
	it *item
}

func (l itemLink) keep(rec journalItem) {
	l.s.mu.Lock()
	l.it.rec = rec
	l.s.mu.Unlock()
}

func (l itemLink) save(rec journalItem, d durability) error {
	l.keep(rec)
	return l.s.journal.putItems(d, rec)
}

func (l itemLink) saveAsync(rec journalItem) <-chan error {
	l.keep(rec)
	return l.s.journal.putItemsAsync(rec)
}

func (l itemLink) uploadBegins() {
	l.s.mu.Lock()
	l.it.tempMayExist = true
	l.s.mu.Unlock()
}

func (l itemLink) report(e Event) {
	l.s.mu.Lock()
	l.s.emitItem(l.it, e)
	l.s.mu.Unlock()
}

func (l itemLink) claimFinal(remote string, ifFree bool) bool {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	return l.s.claims.claimFinal(remote, l.it.rec.ID, ifFree)
}

func (l itemLink) throttle(ctx context.Context, r io.Reader) io.Reader {
	return l.s.throttled(ctx, l.it, r)
}
