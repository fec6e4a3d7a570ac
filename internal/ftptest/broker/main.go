// Command broker serves the test harness's system FTP servers to test
// processes that cannot start them (ftptest.ServeBroker): make test-windows
// runs it on Linux, and the Windows test binaries under wine ask it for
// vsftpd, pure-ftpd, proftpd and pyftpdlib on loopback.
//
//	go run ./internal/ftptest/broker -listen 127.0.0.1:0 -addr-file FILE
package main

import (
	"flag"
	"fmt"
	"net"
	"os"

	"exchange/internal/ftptest"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to serve on")
	addrFile := flag.String("addr-file", "", "write the address served on to FILE")
	flag.Parse()
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "broker:", err)
		os.Exit(1)
	}
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(l.Addr().String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "broker:", err)
			os.Exit(1)
		}
	}
	fmt.Println("broker: serving the test FTP servers on", l.Addr())
	if err := ftptest.ServeBroker(l); err != nil {
		fmt.Fprintln(os.Stderr, "broker:", err)
		os.Exit(1)
	}
}
