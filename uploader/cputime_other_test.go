//go:build !unix

package uploader

import "time"

// processCPU is not measured here: the benchmark's CPU metric reads 0.
func processCPU() time.Duration { return 0 }
