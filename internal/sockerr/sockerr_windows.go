package sockerr

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// Winsock's codes, and syscall's names for completeness.
var (
	refused     = []error{windows.WSAECONNREFUSED, syscall.ECONNREFUSED}
	reset       = []error{windows.WSAECONNRESET, syscall.ECONNRESET}
	aborted     = []error{windows.WSAECONNABORTED, syscall.ECONNABORTED}
	unreachable = []error{windows.WSAEHOSTUNREACH, windows.WSAENETUNREACH, syscall.EHOSTUNREACH, syscall.ENETUNREACH}
)
