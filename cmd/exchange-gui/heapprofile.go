//go:build heapprofile

package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// With the heapprofile build tag (bench/gui-memory.sh HEAP=1), the window
// writes its heap profile to $EXCHANGE_HEAP_PROFILE every 5 seconds after
// a collection, so that the last one written shows what a large batch
// holds (go tool pprof -sample_index=inuse_space).
func init() {
	path := os.Getenv("EXCHANGE_HEAP_PROFILE")
	if path == "" {
		return
	}
	go func() {
		for range time.Tick(5 * time.Second) {
			runtime.GC()
			f, err := os.Create(path + ".tmp")
			if err != nil {
				return
			}
			err = pprof.WriteHeapProfile(f)
			if f.Close() == nil && err == nil {
				_ = os.Rename(path+".tmp", path)
			}
		}
	}()
}
