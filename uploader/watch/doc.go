// Package watch sends, on their own, the files that appear in a folder: a
// watch is a folder, a profile and options (settle time, after-policy,
// include and exclude patterns, subfolders). It is the one watch service of
// Exchange, driven by `exchange watch` and by the window alike; it never
// imports Fyne.
//
// A file is taken only once it is complete: its size and modification time
// have not changed for the settle time (and, on Windows, no writer holds it
// open). Names that downloaders use while they write (*.tmp, *.part, ~$*,
// dot files, *.crdownload) are never taken, so a file written under such a
// name and renamed into place is taken once, under its final name. fsnotify
// makes the watch prompt; a sweep of the folder every SweepEvery is the
// safety net for events that never come (network drives, an overflowing
// event queue).
//
// What a watch took is recorded in the service's journal (uploader's
// watch_files table) before the file is handed to the service, and forgotten
// only once the after-policy has moved or deleted it: after a restart, or a
// kill -9, a file in flight is handed over again (its upload resumes) and a
// file already sent is not sent again. Sent files move to Sent/ inside the
// folder, invalid or failed ones to Failed/ with NAME.error.txt beside them
// saying why (after-policy move, the default); keep leaves them (the journal
// remembers they were handled), delete removes sent files.
package watch
