// Command exchange is the headless Exchange: validate files, upload them,
// diagnose a server, run the built-in FTP server. See internal/cli.
package main

import (
	"os"

	"exchange/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
