package profile

import (
	"fmt"
	"strings"

	"exchange/transport"
)

// Validate says, in words for the person editing it, what is wrong with a profile.
func (p Profile) Validate() error {
	switch {
	case strings.TrimSpace(p.Name) == "":
		return fmt.Errorf("the profile needs a name")
	case strings.ContainsAny(p.Name, "/\\\r\n\x00"):
		return fmt.Errorf("profile name %q may not contain slashes or line breaks", p.Name)
	case strings.TrimSpace(p.Host) == "":
		return fmt.Errorf("profile %q: the server address is empty", p.Name)
	case strings.ContainsAny(p.Host, " /\\\r\n\x00"):
		return fmt.Errorf("profile %q: %q is not a server address (give a host name or IP, without ftp://)", p.Name, p.Host)
	case p.Port < 0 || p.Port > 65535:
		return fmt.Errorf("profile %q: port %d is not between 1 and 65535", p.Name, p.Port)
	case p.Connections < 0 || p.Connections > 8:
		return fmt.Errorf("profile %q: connections must be 1 to 8, not %d", p.Name, p.Connections)
	case strings.ContainsAny(p.User, "\r\n\x00"):
		return fmt.Errorf("profile %q: the user name contains a line break", p.Name)
	case p.TempPattern != "" && !strings.Contains(p.TempPattern, "NAME"):
		return fmt.Errorf("profile %q: the temporary name pattern must contain NAME", p.Name)
	}
	if err := p.validateProtocol(); err != nil {
		return err
	}
	if _, err := p.Mode.clientMode(); err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	if _, err := p.TLS.clientTLS(); err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	if p.RemoteDir != "" {
		if err := transport.CheckPath(p.RemoteDir); err != nil {
			return fmt.Errorf("profile %q: remote folder: %w", p.Name, err)
		}
	}
	if err := p.validateProxy(); err != nil {
		return err
	}
	if err := p.validateLimit(); err != nil {
		return err
	}
	switch p.Exists {
	case "", KeepBoth, Overwrite, Skip:
	default:
		return fmt.Errorf("profile %q: unknown policy for existing files %q", p.Name, p.Exists)
	}
	switch p.Duplicates {
	case "", DuplicateAsk, DuplicateSkip, DuplicateSend:
	default:
		return fmt.Errorf("profile %q: unknown duplicate policy %q", p.Name, p.Duplicates)
	}
	return nil
}
