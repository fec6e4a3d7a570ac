//go:build !windows

package sockerr

import "syscall"

var (
	refused     = []error{syscall.ECONNREFUSED}
	reset       = []error{syscall.ECONNRESET}
	aborted     = []error{syscall.ECONNABORTED}
	unreachable = []error{syscall.EHOSTUNREACH, syscall.ENETUNREACH}
)
