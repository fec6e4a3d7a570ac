// Command exchange is the headless Exchange: validate files, upload them,
// diagnose a server, run the built-in FTP server. See cli.
package main

import (
	"os"

	"exchange/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
