// Command exchange-gui is the Exchange window: drop AL3 and Excel files on it,
// they are checked, then sent by FTP. See package ui.
package main

import (
	"fmt"
	"os"

	"exchange/ui"
)

func main() {
	if err := ui.Run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "exchange:", err)
		os.Exit(1)
	}
}
