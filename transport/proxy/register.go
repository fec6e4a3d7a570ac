package proxy

import (
	"time"

	"exchange/transport"
)

// The proxies of this package read the settings of every profile once a
// program links it in (app/protocols.go).
func init() { transport.RegisterProxies(settings{}) }

// settings is this package as the transport's Proxies.
type settings struct{}

func (settings) Check(setting string) (bool, error) {
	u, err := Parse(setting)
	if err != nil || u == nil || u.User == nil {
		return false, err
	}
	_, has := u.User.Password()
	return has, nil
}

func (settings) Route(setting, host string, timeout time.Duration) (transport.ProxyDialer, error) {
	route, err := For(setting, host)
	if err != nil || route.Direct() {
		return nil, err
	}
	return route.Dialer(timeout), nil
}
