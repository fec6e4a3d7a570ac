// Package ui is the Exchange window and tray, in Fyne. It drives the upload
// service (package uploader) only through its API and its events: a dropped
// file is added, the service validates and sends it, and every event updates
// the row of that file. Updates from the service's goroutines reach widgets
// through fyne.Do; the queue model has its own lock so that it is race-free
// under the test driver too.
package ui
