package watch

import (
	"fmt"

	"exchange/uploader"
)

// SingleProfile is the Queue of a service that sends to one profile only,
// set with SetProfile (the command line's service).
func SingleProfile(svc *uploader.Service, profileName string) Queue {
	return singleProfile{svc: svc, name: profileName}
}

type singleProfile struct {
	svc  *uploader.Service
	name string
}

func (q singleProfile) AddFor(profileName string, paths ...string) ([]uploader.ItemID, error) {
	if profileName != q.name {
		return nil, fmt.Errorf("this service sends to %q, not %q", q.name, profileName)
	}
	return q.svc.Add(paths...)
}

func (q singleProfile) Subscribe(fn func(uploader.Event)) func() { return q.svc.Subscribe(fn) }
