package main

import (
	"bufio"
	"io"
	"os"
	"strings"
	"time"
)

// serverLog reads the commands clients sent from vsftpd's protocol log
// (log_ftp_protocol=YES, which the test harness sets): every command costs
// its client a round trip, unless it pipelines, which none of the contenders
// here does.
type serverLog struct{ path string }

// size is where the log ends now: the start of the next contender's part.
func (l serverLog) size() int64 {
	st, err := os.Stat(l.path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// settle waits until the log has stopped growing (session processes log
// QUIT and exit after the client has gone), up to limit.
func (l serverLog) settle(limit time.Duration) {
	last, stable := l.size(), time.Now()
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		if n := l.size(); n != last {
			last, stable = n, time.Now()
		} else if time.Since(stable) >= 500*time.Millisecond {
			return
		}
	}
}

// protocolCounts is what one contender sent: commands by verb and control
// connections.
type protocolCounts struct {
	commands map[string]int
	connects int
}

func (c protocolCounts) total() int {
	n := 0
	for _, k := range c.commands {
		n += k
	}
	return n
}

// since reads the log from offset on.
func (l serverLog) since(offset int64) (protocolCounts, error) {
	f, err := os.Open(l.path)
	if err != nil {
		return protocolCounts{}, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return protocolCounts{}, err
	}
	return parseProtocolLog(f)
}

// parseProtocolLog counts vsftpd's lines
//
//	... [pid 7] FTP command: Client "127.0.0.1", "STOR a.al3"
//	... [pid 7] CONNECT: Client "127.0.0.1"
func parseProtocolLog(r io.Reader) (protocolCounts, error) {
	c := protocolCounts{commands: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "] CONNECT: Client ") {
			c.connects++
			continue
		}
		_, rest, ok := strings.Cut(line, "] FTP command: Client ")
		if !ok {
			continue
		}
		_, quoted, ok := strings.Cut(rest, ", \"")
		if !ok {
			continue
		}
		verb, _, _ := strings.Cut(strings.TrimSuffix(quoted, "\""), " ")
		c.commands[strings.ToUpper(verb)]++
	}
	return c, sc.Err()
}
