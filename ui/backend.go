package ui

import (
	"exchange/profile"
	"exchange/uploader"
)

// Backend is what the window needs of the upload service. *uploader.Service
// is the real one.
type Backend interface {
	Add(paths ...string) ([]uploader.ItemID, error)
	// AddAgain queues files the clerk asked to send again: no duplicate question.
	AddAgain(profileName string, paths ...string) ([]uploader.ItemID, error)
	Start()
	Pause()
	Resume()
	Paused() bool
	Cancel(id uploader.ItemID) error
	CancelAll()
	Retry(id uploader.ItemID) error
	Remove(id uploader.ItemID) error
	SetProfile(p profile.Profile, password string)
	RegisterProfile(p profile.Profile, password string)
	Subscribe(fn func(uploader.Event)) (unsubscribe func())
	Items() []uploader.ItemInfo
}

var _ Backend = (*uploader.Service)(nil)
