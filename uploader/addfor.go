package uploader

// AddFor queues files for the named profile, registered with SetProfile or
// RegisterProfile, without making it the current profile: a watch folder of
// the window sends to its own profile while the clerk's drops go to the one
// chosen in the window. Otherwise it is Add.
func (s *Service) AddFor(profileName string, paths ...string) ([]ItemID, error) {
	return s.addFor(profileName, paths)
}
