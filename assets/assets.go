// Package assets embeds the files the program shows: the app icon (icon.png,
// drawn from icon.svg, its source).
package assets

import _ "embed"

// IconPNG is the 512 px app icon.
//
//go:embed icon.png
var IconPNG []byte
