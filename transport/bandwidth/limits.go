package bandwidth

import (
	"context"
	"io"
	"sync"

	"golang.org/x/time/rate"
)

// Limits holds the global limit and one per profile. The zero value is not
// usable: call New. All methods are safe for concurrent use.
type Limits struct {
	mu       sync.Mutex
	global   *rate.Limiter
	profiles map[string]*rate.Limiter
}

// New returns Limits with no limit set.
func New() *Limits {
	return &Limits{global: newLimiter(0), profiles: map[string]*rate.Limiter{}}
}

// chunkFor is the most a reader takes at once under a limit of bps: a tenth
// of a second's worth (at least 4 KB, at most 256 KB), so that a change of
// the limit or a pause takes effect quickly and the bucket's burst stays small.
func chunkFor(bps int64) int {
	return int(min(max(bps/10, 4<<10), 256<<10))
}

func newLimiter(bps int64) *rate.Limiter {
	l := rate.NewLimiter(rate.Inf, 0)
	set(l, bps)
	return l
}

func set(l *rate.Limiter, bps int64) {
	if bps <= 0 {
		l.SetLimit(rate.Inf)
		return
	}
	l.SetBurst(chunkFor(bps))
	l.SetLimit(rate.Limit(bps))
}

func limitOf(l *rate.Limiter) int64 {
	if l.Limit() == rate.Inf {
		return 0
	}
	return int64(l.Limit())
}

// SetGlobal sets the limit for all transfers together; 0 removes it.
func (l *Limits) SetGlobal(bps int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if limitOf(l.global) != bps {
		set(l.global, bps)
	}
}

// Global is the global limit in bytes a second, 0 for none.
func (l *Limits) Global() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return limitOf(l.global)
}

// SetProfile sets the limit of one profile's transfers together; 0 removes it.
func (l *Limits) SetProfile(name string, bps int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.profiles[name]
	if p == nil {
		p = newLimiter(0)
		l.profiles[name] = p
	}
	if limitOf(p) != bps {
		set(p, bps)
	}
}

// Profile is the limit of one profile in bytes a second, 0 for none.
func (l *Limits) Profile(name string) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := l.profiles[name]; p != nil {
		return limitOf(p)
	}
	return 0
}

// Reader reads r under the global limit and the profile's. Reads are cut
// into chunks the size of a tenth of a second; each waits for its bytes'
// tokens after it is read, so the first chunk of a transfer goes at once.
// A canceled ctx ends the wait with its cause.
func (l *Limits) Reader(ctx context.Context, profile string, r io.Reader) io.Reader {
	l.mu.Lock()
	p := l.profiles[profile]
	l.mu.Unlock()
	return &limitedReader{ctx: ctx, r: r, limits: l, profile: p}
}

type limitedReader struct {
	ctx     context.Context
	r       io.Reader
	limits  *Limits
	profile *rate.Limiter // nil: no profile limit was ever set
}

func (lr *limitedReader) Read(p []byte) (int, error) {
	buckets := lr.active()
	if len(buckets) == 0 {
		return lr.r.Read(p)
	}
	chunk := len(p)
	for _, b := range buckets {
		chunk = min(chunk, b.Burst())
	}
	n, err := lr.r.Read(p[:max(chunk, 1)])
	for _, b := range buckets {
		if n == 0 {
			break
		}
		if werr := b.WaitN(lr.ctx, min(n, b.Burst())); werr != nil {
			if cause := context.Cause(lr.ctx); cause != nil {
				return n, cause
			}
			return n, werr
		}
	}
	return n, err
}

// active lists the buckets that limit now.
func (lr *limitedReader) active() []*rate.Limiter {
	lr.limits.mu.Lock()
	defer lr.limits.mu.Unlock()
	var out []*rate.Limiter
	if lr.limits.global.Limit() != rate.Inf {
		out = append(out, lr.limits.global)
	}
	if lr.profile != nil && lr.profile.Limit() != rate.Inf {
		out = append(out, lr.profile)
	}
	return out
}
