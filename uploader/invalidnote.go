package uploader

import "fmt"

// invalidNote says why a file was refused, counted in words: "1 error",
// "3 errors", or, for a well-formed file refused by a profile that takes
// no warnings, "2 warnings, and the profile refuses files with warnings".
func invalidNote(valid bool, errors, warnings int) string {
	if valid {
		return fmt.Sprintf("%d %s, and the profile refuses files with warnings", warnings, counted(warnings, "warning", "warnings"))
	}
	return fmt.Sprintf("%d %s", errors, counted(errors, "error", "errors"))
}

func counted(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
