package wine

import "golang.org/x/sys/windows"

// detected looks for wine_get_version, which wine's ntdll.dll exports and
// Windows' does not.
func detected() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
