package uploader

import "sync"

// The small types the Service's state is made of, each guarded by
// Service.mu (eventStream has its own lock).

// itemList is the list of files, in the order they were added.
type itemList struct {
	items map[ItemID]*item
	order []ItemID
	// finishedUpTo: every item of order[:finishedUpTo] has ended, so a worker
	// looking for the next file starts there (with 10,000 files in the list,
	// scanning from the top took a quarter of the window's CPU). It goes
	// back to 0 when an item starts again or leaves the list.
	finishedUpTo int
	// latest is the newest item of each file and profile, for telling
	// whether a file is already in the queue without a scan.
	latest map[fileKey]ItemID
	// recovered are unfinished items of an earlier run, not yet added again.
	recovered map[ItemID]journalItem
}

func newItemList() itemList {
	return itemList{items: map[ItemID]*item{}, latest: map[fileKey]ItemID{}, recovered: map[ItemID]journalItem{}}
}

// fileKey names one file sent with one profile (its path as localPathKey
// gives it).
type fileKey struct{ path, profile string }

func (r journalItem) fileKey() fileKey {
	return fileKey{path: localPathKey(r.Path), profile: r.Profile}
}

// tempKey names one temporary file on the server, folded (casefold.go).
type tempKey struct{ dir, name string }

func (r journalItem) tempKey() tempKey {
	return tempKey{dir: remoteNameKey(r.RemoteDir), name: remoteNameKey(r.TempName)}
}

// sentKey names one content sent to one profile.
type sentKey struct{ profile, sha256 string }

// profileSet is the registered profiles and the one new files go to.
type profileSet struct {
	byName  map[string]*profileEntry
	current string
}

// runState is where the service as a whole stands.
type runState struct {
	started, paused, closed bool
	journalErr              *JournalError // a journal write failed: the batch stopped
	changed                 chan struct{} // closed and replaced on every change workers wait for
}

// workerPool counts the goroutines that validate and send.
type workerPool struct {
	workers    int
	validators int
	validateQ  []*item
}

// nameClaims are the remote names the files of the service are using: a
// temporary name is claimed while an upload (or a removal) of it runs, a
// final name from its choice until the item's attempt ends.
type nameClaims struct {
	temp  map[tempKey]ItemID
	final map[string]ItemID
}

// claimFinal reserves remote for id and reports whether another item holds
// it; with ifFree a name another item holds is left to it.
func (c *nameClaims) claimFinal(remote string, id ItemID, ifFree bool) (heldByOther bool) {
	key := remoteNameKey(remote)
	owner, claimed := c.final[key]
	heldByOther = claimed && owner != id
	if !heldByOther || !ifFree {
		c.final[key] = id
	}
	return heldByOther
}

// release gives up the names an attempt at rec held.
func (c *nameClaims) release(rec journalItem) {
	delete(c.temp, rec.tempKey())
	for k, owner := range c.final {
		if owner == rec.ID {
			delete(c.final, k)
		}
	}
}

// eventStream is the subscribers of the service's events.
type eventStream struct {
	mu   sync.Mutex
	subs []*subscriber
	seq  uint64 // the number of the last event
}
