// Command latencyproxy puts a round trip between FTP clients and a server on
// this machine (see package exchange/bench/latency for the design and its
// limits): it listens on -listen at every port of -ports and relays each to
// the same port on -target, -rtt/2 late each way, until interrupted.
//
//	latencyproxy -rtt 30ms -ports 2121,20000-20119   # control port, passive range
//
// Clients then connect to 127.0.0.2:2121; lftp needs
// `set ftp:ignore-pasv-address yes` so that its data connections follow.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"exchange/bench/benchkit"
	"exchange/bench/latency"
)

func main() {
	listen := flag.String("listen", latency.ListenHost, "address the clients connect to")
	target := flag.String("target", "127.0.0.1", "the server's address")
	ports := flag.String("ports", "", "ports to relay, the same on both sides: 2121,20000-20119")
	rtt := flag.Duration("rtt", 0, "round trip to add, for example 30ms")
	flag.Parse()
	list, err := parsePorts(*ports)
	benchkit.Exit("latencyproxy", err)
	p, err := latency.Start(latency.Config{ListenHost: *listen, TargetHost: *target, Ports: list, RTT: *rtt})
	benchkit.Exit("latencyproxy", err)
	fmt.Printf("relaying %d ports from %s to %s with a %v round trip; Ctrl-C stops\n", len(list), *listen, *target, *rtt)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	p.Close()
}

// parsePorts reads "2121,20000-20119".
func parsePorts(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(lo)
		b := a
		if err == nil && isRange {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a <= 0 || b < a || b > 65535 {
			return nil, fmt.Errorf("-ports: %q is not a port or a range like 20000-20119", part)
		}
		for p := a; p <= b; p++ {
			out = append(out, p)
		}
	}
	return out, nil
}
