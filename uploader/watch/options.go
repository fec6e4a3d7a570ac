package watch

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"exchange/profile"
)

// After says what happens to a file once it is handled.
type After string

const (
	// AfterMove moves sent files to Sent/ and refused or failed ones to
	// Failed/ (with NAME.error.txt), inside the watched folder. The default.
	AfterMove After = "move"
	// AfterKeep leaves every file where it is; the journal remembers it was
	// handled, and the history keeps its content from being sent twice.
	AfterKeep After = "keep"
	// AfterDelete deletes sent files; refused or failed ones move to Failed/.
	AfterDelete After = "delete"
)

// ParseAfter reads an after-policy as the command line and the settings write it.
func ParseAfter(s string) (After, error) {
	switch a := After(strings.ToLower(strings.TrimSpace(s))); a {
	case AfterMove, AfterKeep, AfterDelete:
		return a, nil
	case "":
		return AfterMove, nil
	}
	return "", fmt.Errorf("after-policy %q: use move, keep or delete", s)
}

// Defaults of Options.
const (
	DefaultSettle     = 3 * time.Second
	DefaultSweepEvery = 30 * time.Second
	DefaultRetryAfter = time.Minute
)

// Sub-folders of the watched folder where handled files go.
const (
	SentFolder   = "Sent"
	FailedFolder = "Failed"
)

// Options describe one watch.
type Options struct {
	// Dir is the watched folder.
	Dir string
	// Profile is where its files go. Files are added for Profile.Name; its
	// duplicate policy "ask" is taken as "skip" (nobody is asked about a
	// file nobody dropped), which the caller sets on the service's profile.
	Profile profile.Profile
	// Settle is how long a file's size and modification time must stay
	// unchanged before it is taken; 0 means DefaultSettle.
	Settle time.Duration
	// SweepEvery is how often the whole folder is read again, in case an
	// event was missed; 0 means DefaultSweepEvery.
	SweepEvery time.Duration
	// RetryAfter is how long a file waits before it is handed over again
	// when it could not be sent for a reason that may pass (the server is
	// down); 0 means DefaultRetryAfter.
	RetryAfter time.Duration
	// After is the after-policy; "" means AfterMove.
	After After
	// Include, when not empty, takes only files matching one of these
	// patterns; Exclude leaves out files matching any of them. Patterns are
	// path.Match patterns on the file name, case-insensitive; a pattern
	// with a slash matches the path relative to Dir (with Recursive).
	Include, Exclude []string
	// Recursive watches the sub-folders too (not Sent/ and Failed/).
	Recursive bool
}

// withDefaults fills the zero fields and checks the others.
func (o Options) withDefaults() (Options, error) {
	if o.Dir == "" {
		return o, errors.New("watch: no folder given")
	}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return o, fmt.Errorf("watch %s: %w", o.Dir, err)
	}
	o.Dir = filepath.Clean(abs)
	if o.Profile.Name == "" {
		return o, errors.New("watch: no profile given")
	}
	if o.Settle < 0 || o.SweepEvery < 0 {
		return o, errors.New("watch: the settle time and the sweep interval cannot be negative")
	}
	if o.Settle == 0 {
		o.Settle = DefaultSettle
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = DefaultRetryAfter
	}
	if o.SweepEvery == 0 {
		o.SweepEvery = DefaultSweepEvery
	}
	if o.After, err = ParseAfter(string(o.After)); err != nil {
		return o, err
	}
	for _, p := range append(append([]string(nil), o.Include...), o.Exclude...) {
		if _, err := path.Match(p, ""); err != nil {
			return o, fmt.Errorf("pattern %q is not a valid pattern (use * ? and [abc])", p)
		}
	}
	return o, nil
}

// Key names a watch in the journal: its folder and its profile.
func Key(dir, profileName string) string {
	return strconv.Quote(dir) + " " + strconv.Quote(profileName)
}
