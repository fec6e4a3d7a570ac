// Package latency puts a network's round trip between FTP clients and a
// server on this machine, whose kernel has no netem: a userspace TCP proxy
// that holds every chunk back for half the round trip in each direction, and
// charges each new connection one round trip more (the TCP handshake).
//
// It delays the data connections as well as the control one, including over
// FTPS, where the PASV and EPSV replies are encrypted and cannot be
// rewritten. The design needs no look into the traffic: the proxy listens on
// another loopback address (127.0.0.2) on the server's control port AND on
// every port of its passive range, and relays each to the same port on the
// server's address (127.0.0.1). A client that connects to 127.0.0.2 then
// opens its data connections to 127.0.0.2 as well, through the proxy,
// whenever it takes the data address from the control connection:
//
//   - EPSV replies carry only a port: every client (curl's default, jlaffaye/ftp's first try);
//   - PASV replies name the server's own 127.0.0.1, which jlaffaye/ftp v0.2.3+
//     and curl (--ftp-skip-pasv-ip, on by default) ignore; lftp needs
//     `set ftp:ignore-pasv-address yes` (or ftp:prefer-epsv yes), otherwise
//     its data connections go around the proxy, undelayed.
//
// Limits: passive mode only (in active mode the server connects to the
// client's address directly, undelayed); the server must be told nothing, but
// its passive range must be known (ForVsftpd reads it from the harness's
// vsftpd.conf); bandwidth is not limited (about 32 MiB in flight per
// direction, enough for a gigabit at 30 ms); every chunk keeps its own delay,
// so there is no jitter and no loss. Proxy.Accepted counts the connections
// each port relayed: a benchmark checks with it that the data did go through.
package latency
