package diagnose

import (
	"context"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
)

// TestEndlessGreetingIsCutOff: diagnose reads the greeting with its own
// reader; a server that greets with endless bytes is cut off at the reply
// budget, with a sentence saying so, in bounded time and memory.
func TestEndlessGreetingIsCutOff(t *testing.T) {
	s := &ftptest.Scripted{Greet: func(c net.Conn) {
		_, _ = io.WriteString(c, "220 ")
		buf := []byte(strings.Repeat("x", 8192))
		for {
			if _, err := c.Write(buf); err != nil {
				return
			}
		}
	}}
	port := ftptest.StartScripted(t, s)
	p := profile.Profile{Name: "hostile", Host: "127.0.0.1", Port: port, User: "u"}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	res := Run(context.Background(), p, "p", Options{Timeout: ftptest.Scaled(10 * time.Second)})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	var banner Step
	for _, st := range res.Steps {
		if st.Name == stepBanner {
			banner = st
		}
	}
	if banner.Status != Failed || !strings.Contains(banner.Detail, "not behaving like an FTP server") {
		t.Errorf("greeting step: %+v", banner)
	}
	if limit := ftptest.Scaled(2 * time.Second); took > limit {
		t.Errorf("took %v, more than %v", took, limit)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("allocated %d MiB", grew>>20)
	}
}
