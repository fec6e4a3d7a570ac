package ftptest

import (
	"fmt"
	"math/rand/v2"
	"net"
)

// pasvRange picks a block of 120 passive ports, away from the kernel's
// ephemeral range (32768-60999), whose ends are free, so that servers running
// at once in several test binaries rarely share ports.
func pasvRange() (int, int, error) {
	for range 50 {
		lo := 20000 + rand.IntN(100)*120
		hi := lo + 119
		if portFree(lo) && portFree(hi) && portFree((lo+hi)/2) {
			return lo, hi, nil
		}
	}
	return 0, 0, fmt.Errorf("no free passive port range found")
}

func portFree(p int) bool {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
	if err != nil {
		return false
	}
	ln.Close()
	return true
}
