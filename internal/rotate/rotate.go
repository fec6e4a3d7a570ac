// Package rotate opens the size-rotated files that the log (logfile) and the
// audit trail (audit) append to.
package rotate

import (
	"path/filepath"

	"gopkg.in/natefinch/lumberjack.v2"
)

// Limits are how large a file grows before it is rotated and how many
// rotated files are kept besides the current one; 0 means the default.
type Limits struct {
	MaxSizeMB, Keep int
}

// File is the rotated file name in dir, with limits; what limits leave at 0
// comes from defaults.
func File(dir, name string, limits, defaults Limits) *lumberjack.Logger {
	if limits.MaxSizeMB <= 0 {
		limits.MaxSizeMB = defaults.MaxSizeMB
	}
	if limits.Keep <= 0 {
		limits.Keep = defaults.Keep
	}
	return &lumberjack.Logger{Filename: filepath.Join(dir, name), MaxSize: limits.MaxSizeMB, MaxBackups: limits.Keep}
}
