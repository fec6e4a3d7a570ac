// Package app is the composition root shared by both programs: it opens the
// state folder, the journal, the profile store and the built-in server, and
// says how files are validated and how the service is built from them. The
// window (package app/desktop) and the command line build what they run
// through it, and so do the tests of the assembled program: a test of the
// assembled app is a test of what ships. It never imports Fyne.
package app
