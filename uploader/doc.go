// Package uploader is the upload service that the window and the command line
// both drive: it validates files, queues them, and sends them over FTP with
// workers that upload under a temporary name, check the size, rename, resume
// and retry. It keeps a crash-safe journal and the history, and reports
// everything through typed events. It never imports Fyne.
package uploader
