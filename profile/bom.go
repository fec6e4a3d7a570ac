package profile

import "bytes"

// utf8BOM is what Windows Notepad (before Windows 10 1903, and still when
// asked to) writes at the start of a UTF-8 file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// withoutBOM drops a leading UTF-8 byte-order mark, which encoding/json
// refuses: an administrator who edits the profiles file in Notepad must not
// be told it is damaged.
func withoutBOM(raw []byte) []byte {
	return bytes.TrimPrefix(raw, utf8BOM)
}
