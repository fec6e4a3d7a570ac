// Package sockerr recognises socket errors the same way on every system.
// On Windows a refused or reset connection is a Winsock error
// (WSAECONNREFUSED, 10061) that errors.Is(err, syscall.ECONNREFUSED) does
// not match, so a check written with syscall's names alone takes "nothing
// answers on that port" for "no answer at all" on the clerks' PCs.
package sockerr

import "errors"

// Refused: nothing listens at that address and port.
func Refused(err error) bool { return isAny(err, refused) }

// Reset: the peer reset the connection.
func Reset(err error) bool { return isAny(err, reset) }

// Aborted: the connection was aborted on this side.
func Aborted(err error) bool { return isAny(err, aborted) }

// Unreachable: no route to the host or its network.
func Unreachable(err error) bool { return isAny(err, unreachable) }

func isAny(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
