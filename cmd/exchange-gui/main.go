// Command exchange-gui is the Exchange window: drop AL3 and Excel files on it,
// they are checked, then sent by FTP. The program is assembled by package
// app/desktop; this is only its door.
package main

import (
	"fmt"
	"os"

	"exchange/app/desktop"
	_ "exchange/internal/fyneenv" // before Fyne reads its environment
)

func main() {
	if err := desktop.Run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "exchange:", err)
		os.Exit(1)
	}
}
