// Command gen checks the licences of the modules in CycloneDX SBOMs and
// writes Exchange's third-party notices; see package notices and
// scripts/notices.sh, which runs it.
package main

import (
	"os"

	"exchange/internal/notices"
)

func main() {
	os.Exit(notices.Main(os.Args[1:], os.Stdout, os.Stderr))
}
