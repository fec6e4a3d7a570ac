// Command al3tool is the helper of bench/validate-al3.sh: it generates large
// AL3 files, checks one with the AL3 checker, or reads one plainly, and prints
// the throughput. Peak memory is measured from outside (/usr/bin/time -v).
//
//	al3tool gen MB PATH [compressed]
//	al3tool check PATH
//	al3tool read PATH
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"exchange/bench/benchkit"
	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
)

func main() {
	benchkit.Exit("al3tool", run(os.Args[1:]))
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: al3tool gen MB PATH [compressed] | check PATH | read PATH")
	}
	switch args[0] {
	case "gen":
		if len(args) < 3 {
			return fmt.Errorf("gen needs MB and PATH")
		}
		mb, err := strconv.Atoi(args[1])
		if err != nil {
			return fmt.Errorf("size in MB: %w", err)
		}
		layout := al3gen.CRLF
		if len(args) > 3 && args[3] == "compressed" {
			layout.Compress = true
		}
		return generate(args[2], int64(mb)<<20, layout)
	case "check", "read":
		return measure(args[0], args[1])
	}
	return fmt.Errorf("unknown mode %q", args[0])
}

func generate(path string, size int64, l al3gen.Layout) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	if _, err := al3gen.WriteLarge(f, size, l); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

// measure checks or reads the file once and prints "mode bytes seconds MB/s findings".
func measure(mode, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", path, err)
	}
	start := time.Now()
	findings := 0
	if mode == "check" {
		fs, _, err := al3.Check(f, al3.Options{Name: path})
		if err != nil {
			return fmt.Errorf("checking %s: %w", path, err)
		}
		findings = len(fs)
	} else {
		buf := make([]byte, al3.BufferSize)
		if _, err := io.CopyBuffer(struct{ io.Writer }{io.Discard}, struct{ io.Reader }{f}, buf); err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("%s %d %.3f %.0f %d\n", mode, st.Size(), secs, float64(st.Size())/1e6/secs, findings)
	return nil
}
