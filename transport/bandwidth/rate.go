// Package bandwidth keeps Exchange off the office's whole uplink: a global
// speed limit and one per profile, each a token bucket (golang.org/x/time/rate)
// shared by every connection, so that four connections at "2 MB/s" send
// 2 MB/s together. Limits can change while a batch runs: the next chunk read
// obeys the new rate.
package bandwidth

import "exchange/internal/units"

// ParseRate reads a speed limit in bytes a second (see units.ParseRate:
// "2MB/s", "500k"...; "" and "none" mean no limit, 0).
func ParseRate(s string) (int64, error) { return units.ParseRate(s) }

// FormatRate writes a limit the way Exchange shows speeds: "2.0 MB/s", or
// "unlimited" for 0.
func FormatRate(bps int64) string {
	if bps <= 0 {
		return "unlimited"
	}
	return units.Rate(float64(bps))
}
