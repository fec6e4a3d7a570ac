package cli

import "os"

// getenv is os.Getenv; one place to read the environment.
func getenv(name string) string { return os.Getenv(name) }
