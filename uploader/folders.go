package uploader

import (
	"strings"
	"sync"
	"time"
)

// Which final names are taken on the server, learnt from one listing of a
// folder (NLST) instead of one SIZE a file: a batch of many small files
// saves a round trip a file.
//
// The race, stated honestly: FTP has no rename that refuses to replace an
// existing file (RNTO onto a name replaces it on vsftpd, pure-ftpd and
// proftpd), so a name another client takes after we looked is replaced by
// our rename, whether we looked with SIZE or with a listing. With SIZE that
// window was a few round trips (the size check, the journal's commit); with
// a listing it is at most listingFresh. Names this service takes itself are
// never in that window: a final name is claimed by its item until the
// attempt ends (nameClaims), and once renamed it is added to the listing
// (arrived). Where a listing cannot tell, SIZE still asks: hidden names (a
// leading dot: servers leave them out of NLST), a name that is in the
// listing only in another case (a server that ignores case would replace
// it), a folder the server will not list, or one with too many names to
// trust the listing (servers cap them).

// listingFresh is how long a folder's listing answers for its names.
const listingFresh = 2 * time.Second

// listingMaxNames: a listing this long is not trusted (servers cap
// listings; pure-ftpd at a few thousand) and not worth its bytes.
const listingMaxNames = 2000

// unlistedFor is how long a folder that could not be listed (or listed too
// many names) is asked about with SIZE before a listing is tried again.
const unlistedFor = time.Minute

// arrivedKept is how long a name this service renamed into a folder is
// added to later listings of it (a listing sent before the rename may be
// stored after it).
const arrivedKept = time.Minute

// folderKey names one remote folder of one profile's generation (a changed
// profile may point at another server).
type folderKey struct {
	profile string
	gen     int
	dir     string
}

// folderNames is what the service knows of one remote folder's names.
type folderNames struct {
	listed   map[string]bool // the names of the last listing, and those arrived since
	folded   map[string]bool // the same, lower-case
	listedAt time.Time       // when that listing was asked for
	asked    time.Time       // when a file last asked about a name here
	listing  time.Time       // when a worker set out to list it (one at a time)
	unlisted time.Time       // listing failed or not trusted until then
	arrived  map[string]time.Time
}

// remoteFolders are the folders the service learnt names of (its own lock:
// workers use it between commands, away from Service.mu).
type remoteFolders struct {
	mu sync.Mutex
	m  map[folderKey]*folderNames
}

func (r *remoteFolders) entry(k folderKey) *folderNames {
	if r.m == nil {
		r.m = map[folderKey]*folderNames{}
	}
	f := r.m[k]
	if f == nil {
		f = &folderNames{arrived: map[string]time.Time{}}
		r.m[k] = f
	}
	return f
}

// worthListing says whether a file about to choose its final name in k
// should list the folder first: not while a fresh listing answers, not for
// a folder that could not be listed lately, not while another worker lists
// it, and not for the first file in a while (one SIZE is cheaper than a
// listing when a single file goes).
func (r *remoteFolders) worthListing(k folderKey, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.entry(k)
	recent := now.Sub(f.asked) < listingFresh
	f.asked = now
	// While another worker lists it, SIZE answers (a listing that failed
	// with the connection is given up after listingFresh).
	underWay := now.Sub(f.listing) < listingFresh && f.listing.After(f.listedAt)
	worth := recent && !underWay && !f.fresh(now) && !now.Before(f.unlisted)
	if worth {
		f.listing = now
	}
	return worth
}

func (f *folderNames) fresh(now time.Time) bool {
	return f.listed != nil && now.Sub(f.listedAt) < listingFresh
}

// remember stores a listing asked for at asked; names nil means the folder
// could not be listed.
func (r *remoteFolders) remember(k folderKey, names []string, asked time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.entry(k)
	if names == nil || len(names) >= listingMaxNames {
		f.listed, f.folded, f.unlisted = nil, nil, asked.Add(unlistedFor)
		return
	}
	if asked.Before(f.listedAt) {
		return // a newer listing is there already
	}
	f.listed, f.folded, f.listedAt = make(map[string]bool, len(names)), make(map[string]bool, len(names)), asked
	for _, n := range names {
		f.add(n)
	}
	for n, at := range f.arrived {
		if asked.Sub(at) > arrivedKept {
			delete(f.arrived, n)
			continue
		}
		f.add(n)
	}
	r.prune(asked)
}

func (f *folderNames) add(name string) {
	f.listed[name] = true
	f.folded[strings.ToLower(name)] = true
}

// prune forgets folders nobody asked about for a while.
func (r *remoteFolders) prune(now time.Time) {
	for k, f := range r.m {
		if now.Sub(f.asked) > arrivedKept && now.Sub(f.listedAt) > arrivedKept && now.After(f.unlisted) {
			delete(r.m, k)
		}
	}
}

// taken answers from a fresh listing whether name is taken in k; known is
// false where the listing cannot tell (see above): ask the server.
func (r *remoteFolders) taken(k folderKey, name string, now time.Time) (taken, known bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.m[k]
	if f == nil || !f.fresh(now) || strings.HasPrefix(name, ".") {
		return false, false
	}
	if f.listed[name] {
		return true, true
	}
	if f.folded[strings.ToLower(name)] {
		return false, false // only in another case
	}
	return false, true
}

// arrive records a file this service renamed to name in k.
func (r *remoteFolders) arrive(k folderKey, name string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.entry(k)
	if len(f.arrived) >= 256 {
		for n, at := range f.arrived {
			if now.Sub(at) > arrivedKept {
				delete(f.arrived, n)
			}
		}
	}
	f.arrived[name] = now
	if f.listed != nil {
		f.add(name)
	}
}

// folderLink is one folder of a Service, as a transfer sees it. Its clock
// is the machine's, not the service's (Options.Now): freshness is about the
// network.
type folderLink struct {
	r *remoteFolders
	k folderKey
}

func (l folderLink) worthListing() bool                       { return l.r.worthListing(l.k, time.Now()) }
func (l folderLink) remember(names []string, asked time.Time) { l.r.remember(l.k, names, asked) }
func (l folderLink) taken(name string) (bool, bool)           { return l.r.taken(l.k, name, time.Now()) }
func (l folderLink) arrive(name string)                       { l.r.arrive(l.k, name, time.Now()) }
