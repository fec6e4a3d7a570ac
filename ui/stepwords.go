package ui

import "fyne.io/fyne/v2/lang"

// stepName is a "Test connection" step's name in the clerk's language.
// Package diagnose names its steps in English (and its Copy report keeps
// them so); the checklist shows them translated, the details as found.
func stepName(name string) string {
	switch name {
	case "Resolve the server name":
		return lang.L("Resolve the server name")
	case "Connect to the server":
		return lang.L("Connect to the server")
	case "Server greeting":
		return lang.L("Server greeting")
	case "Secure connection (TLS) and certificate":
		return lang.L("Secure connection (TLS) and certificate")
	case "Log in":
		return lang.L("Log in")
	case "Server features":
		return lang.L("Server features")
	case "Passive data connection (test upload)":
		return lang.L("Passive data connection (test upload)")
	case "Active data connection (test upload)":
		return lang.L("Active data connection (test upload)")
	case "Permission to write in the target folder":
		return lang.L("Permission to write in the target folder")
	case "Proxy":
		return lang.L("Proxy")
	case "SSH greeting (server software and version)":
		return lang.L("SSH greeting (server software and version)")
	case "Server identity (SSH host key)":
		return lang.L("Server identity (SSH host key)")
	case "Login methods the server offers":
		return lang.L("Login methods the server offers")
	case "Test upload under a temporary name, then deleted":
		return lang.L("Test upload under a temporary name, then deleted")
	}
	return name
}

// stepDetail is a step's detail, in the clerk's language when it is one of
// diagnose's fixed sentences.
func stepDetail(detail string) string {
	switch detail {
	case "not tried: an earlier step failed":
		return lang.L("not tried: an earlier step failed")
	}
	return detail
}
