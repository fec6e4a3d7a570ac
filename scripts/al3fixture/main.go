// Command al3fixture writes a valid generated AL3 file (validate/al3/al3gen)
// for scripts such as the GUI smoke test: al3fixture PATH [packed].
package main

import (
	"fmt"
	"os"

	"exchange/validate/al3/al3gen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: al3fixture PATH [packed]")
		os.Exit(2)
	}
	layout := al3gen.CRLF
	if len(os.Args) > 2 && os.Args[2] == "packed" {
		layout = al3gen.Layout{}
	}
	if err := os.WriteFile(os.Args[1], al3gen.Valid(layout), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
