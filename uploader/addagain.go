package uploader

// AddAgain queues files a person explicitly asked to send again (History's
// "Send again"), for the named profile ("" means the current one): their
// content is sent even if it was sent before, without the duplicate
// question, whatever the profile's duplicate policy. Otherwise it is AddFor.
func (s *Service) AddAgain(profileName string, paths ...string) ([]ItemID, error) {
	return s.add(profileName, paths, true)
}
