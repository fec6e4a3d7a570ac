// Package fyneenv gives Fyne's settings read from the environment the
// window's own defaults. Import it (blank) from the window's main package:
// Fyne reads them in its package initialisers, before main runs, and since
// Go 1.21 packages are initialised in the order of their import paths when
// their imports allow it, so "exchange/internal/fyneenv", which imports only
// os, is initialised before any package of "fyne.io/...".
package fyneenv

import "os"

// CacheDuration is how long Fyne keeps what it drew for an object that is
// no longer on screen: the textures and sizes of texts, the renderers.
// Fyne's default is one minute; in a batch of 10,000 files the table shows
// new names, sizes and progress texts several times a second, and a minute
// of them held 5 MiB more of the C heap (Mesa's textures) at the end of the
// batch (bench/gui-memory.sh, two batches of about 100 s on the same busy
// machine: C heap 40 MiB and peak 209 MiB with a minute, 35 and 204 with
// 10 s). A renderer not drawn for 10 s is made again when next shown.
const CacheDuration = "10s"

func init() { setDefault("FYNE_CACHE", CacheDuration) }

// setDefault sets key to value unless the user set it.
func setDefault(key, value string) {
	if _, set := os.LookupEnv(key); !set {
		_ = os.Setenv(key, value)
	}
}
