// Command al3fixture writes valid generated AL3 files (validate/al3/al3gen)
// for scripts such as the GUI smoke test and the GUI memory benchmark:
//
//	al3fixture PATH [packed]   one file
//	al3fixture -n N DIR        N files of distinct content in DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"exchange/validate/al3/al3gen"
)

func main() {
	n := flag.Int("n", 0, "write this many files into the folder given")
	flag.Parse()
	if err := run(*n, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "al3fixture:", err)
		os.Exit(1)
	}
}

func run(n int, args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("usage: al3fixture PATH [packed] | al3fixture -n N DIR")
	}
	if n == 0 {
		layout := al3gen.CRLF
		if len(args) > 1 && args[1] == "packed" {
			layout = al3gen.Layout{}
		}
		return os.WriteFile(args[0], al3gen.Valid(layout), 0o644)
	}
	if err := os.MkdirAll(args[0], 0o755); err != nil {
		return err
	}
	base := al3gen.Valid(al3gen.CRLF)
	for i := range n {
		// Distinct content (so none is a duplicate of another): the file's
		// number in the 1MHG message sequence number, positions 79-84.
		data := append([]byte(nil), base...)
		copy(data[78:84], fmt.Sprintf("%06d", i%1000000))
		if err := os.WriteFile(filepath.Join(args[0], fmt.Sprintf("DL%05d.AL3", i)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
