//go:build !windows

package proxy

// fromPlatform: outside Windows the environment is the system's setting.
func fromPlatform() System { return System{} }
