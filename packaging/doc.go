// Package packaging holds the installer sources (windows/: the WiX file, the
// MSI build and its install test under wine; macos/: the manual route) and a
// test that keeps the release workflow honest. It has no code of its own.
package packaging
