package notices

import (
	"embed"
	"io/fs"
)

// FileName is the notices' file name, in generated/ and beside the installed programs.
const FileName = "THIRD_PARTY_NOTICES.txt"

// generated holds FileName when a release build wrote it there before
// compiling (scripts/notices.sh); README.md keeps the folder in git.
//
//go:embed generated
var generated embed.FS

// Text returns the notices built into this program, and false for a
// developer's build made without them.
func Text() (string, bool) {
	raw, err := fs.ReadFile(generated, "generated/"+FileName)
	if err != nil {
		return "", false
	}
	return string(raw), true
}

// Missing is what to say when Text has nothing.
const Missing = "This build of Exchange carries no third-party notices (a developer's build). " +
	"The installers carry them, and `make notices` writes them into this source tree for the next build."
