// Command initorder imports this package and Fyne, for TestInitialisedBeforeFyne.
package main

import (
	_ "exchange/internal/fyneenv"
	_ "fyne.io/fyne/v2/widget"
)

func main() {}
