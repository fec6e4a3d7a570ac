package app

// The protocols this program speaks. Each registers its Dialer with the
// transport when linked in; the service, diagnose and the window only ever
// see transport.Dial and the transport's types. A new protocol is one more
// line here (see docs/ARCHITECTURE.md). So are the proxies the profiles
// name (transport.RegisterProxies).
import (
	_ "exchange/transport/ftpclient"  // FTP, passive and active, plain and FTPS
	_ "exchange/transport/proxy"      // SOCKS5 and HTTP CONNECT proxies, named or the system's
	_ "exchange/transport/sftpclient" // SFTP over SSH
)
