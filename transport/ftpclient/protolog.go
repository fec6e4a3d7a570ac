package ftpclient

import (
	"strings"
	"sync"

	"exchange/transport"
)

// protocolLog receives the raw control-connection exchange (both directions,
// as jlaffaye's debug output writes it), cuts it into lines, masks the
// password of PASS, passes each line on, and remembers the FEAT reply (the
// library keeps its feature list private).
type protocolLog struct {
	mu      sync.Mutex
	out     func(string)
	partial strings.Builder
	inFeat  bool
	feat    map[string]string
	off     bool // nobody reads the lines and FEAT is known: nothing left to do
}

func newProtocolLog(out func(string)) *protocolLog {
	return &protocolLog{out: out, feat: map[string]string{}}
}

func (l *protocolLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.off {
		return len(p), nil
	}
	for _, b := range p {
		if b == '\n' {
			line := strings.TrimRight(l.partial.String(), "\r")
			l.partial.Reset()
			l.line(line)
			continue
		}
		if l.partial.Len() < 4096 {
			l.partial.WriteByte(b)
		}
	}
	return len(p), nil
}

func (l *protocolLog) line(line string) {
	line = transport.RedactLine(line)
	switch {
	case strings.EqualFold(strings.TrimSpace(line), "FEAT"):
		l.inFeat = true
	case l.inFeat && strings.HasPrefix(line, "211 "):
		l.inFeat = false
	case l.inFeat && strings.HasPrefix(line, " "):
		name, params, _ := strings.Cut(strings.TrimSpace(line), " ")
		l.feat[strings.ToUpper(name)] = params
	case l.inFeat && len(line) >= 4 && line[3] == ' ' && line[0] >= '4':
		l.inFeat = false // FEAT refused
	}
	if l.out != nil {
		l.out(line)
	}
}

// stopUnlessRead turns the log off when it has no reader: once the FEAT
// reply is known, cutting every later command and reply into lines is work
// for nobody (a batch of small files makes thousands of them).
func (l *protocolLog) stopUnlessRead() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.off = l.out == nil
}

func (l *protocolLog) features() map[string]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]string, len(l.feat))
	for k, v := range l.feat {
		out[k] = v
	}
	return out
}
