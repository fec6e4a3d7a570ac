package ftpclient

import (
	"bufio"
	"fmt"
	"net"
	"strconv"
	"strings"

	"exchange/transport"
)

// control is our own FTP control connection (for active mode, which
// jlaffaye/ftp does not have): commands out, RFC 959 replies in. A reply
// longer than maxReply bytes, or a line longer than maxLine, is an error
// (*ReplyTooLongError), read with bounded memory.
type control struct {
	conn     net.Conn
	r        *bufio.Reader
	log      func(string)
	maxLine  int // 0: Config's default
	maxReply int // 0: Config's default
}

func newControl(conn net.Conn, cfg *transport.Config) *control {
	return &control{conn: conn, r: bufio.NewReader(conn), log: cfg.Log, maxLine: cfg.ReplyLineBudget(), maxReply: cfg.ReplyBudget()}
}

// reset puts the control connection on a new transport (after AUTH TLS).
func (c *control) reset(conn net.Conn) {
	c.conn = conn
	c.r = bufio.NewReader(conn)
}

func (c *control) limits() (line, reply int) {
	var d transport.Config
	line, reply = c.maxLine, c.maxReply
	if line <= 0 {
		line = d.ReplyLineBudget()
	}
	if reply <= 0 {
		reply = d.ReplyBudget()
	}
	return line, reply
}

func (c *control) logf(format string, args ...any) {
	if c.log != nil {
		c.log(fmt.Sprintf(format, args...))
	}
}

// send writes one command line. Arguments with CR, LF or NUL never reach the wire.
func (c *control) send(command string) error {
	if err := checkArgument("command "+strings.Fields(command + " x")[0], command); err != nil {
		return err
	}
	c.logf("%s", transport.RedactLine(command))
	if _, err := c.conn.Write([]byte(command + "\r\n")); err != nil {
		return wrapError(strings.Fields(command + " ")[0], err)
	}
	return nil
}

// reply reads one reply, joining the lines of a multi-line reply with "\n".
func (c *control) reply() (int, string, error) {
	maxLine, left := c.limits()
	line, err := c.readLine(maxLine, &left)
	if err != nil {
		return 0, "", err
	}
	code, sep, text, err := parseReplyLine(line)
	if err != nil {
		return 0, "", err
	}
	if sep != '-' {
		return code, text, nil
	}
	lines := []string{text}
	prefix := fmt.Sprintf("%03d ", code)
	for {
		l, err := c.readLine(maxLine, &left)
		if err != nil {
			return 0, "", err
		}
		if strings.HasPrefix(l, prefix) {
			lines = append(lines, l[4:])
			return code, strings.Join(lines, "\n"), nil
		}
		lines = append(lines, l)
	}
}

// readLine reads one line of at most maxLine bytes, and charges it to the
// reply's budget left.
func (c *control) readLine(maxLine int, left *int) (string, error) {
	var line []byte
	for {
		chunk, err := c.r.ReadSlice('\n')
		if len(line)+len(chunk) > maxLine+2 { // the limit is on the text, without CR LF
			return "", &ReplyTooLongError{Limit: int64(maxLine), Line: true}
		}
		if *left -= len(chunk); *left < 0 {
			_, total := c.limits()
			return "", &ReplyTooLongError{Limit: int64(total)}
		}
		line = append(line, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return "", err
		}
		break
	}
	s := strings.TrimRight(string(line), "\r\n")
	c.logf("%s", s)
	return s, nil
}

func parseReplyLine(line string) (code int, sep byte, text string, err error) {
	if len(line) < 3 {
		return 0, 0, "", fmt.Errorf("malformed reply %q", line)
	}
	code, err = strconv.Atoi(line[:3])
	if err != nil || code < 100 || code > 599 {
		return 0, 0, "", fmt.Errorf("malformed reply %q", line)
	}
	if len(line) == 3 {
		return code, ' ', "", nil
	}
	sep = line[3]
	if sep != ' ' && sep != '-' {
		return 0, 0, "", fmt.Errorf("malformed reply %q", line)
	}
	return code, sep, line[4:], nil
}

// cmd sends a command and reads its reply. A reply whose first digit is not
// that of want is an *Error with its class; want 0 accepts any reply.
func (c *control) cmd(want int, command string) (int, string, error) {
	if err := c.send(command); err != nil {
		return 0, "", err
	}
	code, text, err := c.reply()
	op := transport.RedactLine(command)
	if err != nil {
		return 0, "", wrapError(op, err)
	}
	if want != 0 && code/100 != want/100 {
		return code, text, replyError(op, code, text)
	}
	return code, text, nil
}

// parseFeatures reads a FEAT reply body: one feature per line, indented.
func parseFeatures(text string) map[string]string {
	out := map[string]string{}
	for i, l := range strings.Split(text, "\n") {
		if i == 0 || !strings.HasPrefix(l, " ") {
			continue
		}
		name, params, _ := strings.Cut(strings.TrimSpace(l), " ")
		if name != "" {
			out[strings.ToUpper(name)] = params
		}
	}
	return out
}

// eprtArgument formats the EPRT argument (RFC 2428) for an address.
func eprtArgument(ip net.IP, port int) string {
	if v4 := ip.To4(); v4 != nil {
		return fmt.Sprintf("|1|%s|%d|", v4, port)
	}
	return fmt.Sprintf("|2|%s|%d|", ip, port)
}

// portArgument formats the PORT argument (RFC 959): h1,h2,h3,h4,p1,p2. IPv4 only.
func portArgument(ip net.IP, port int) (string, error) {
	v4 := ip.To4()
	if v4 == nil {
		return "", fmt.Errorf("PORT cannot announce the IPv6 address %s", ip)
	}
	return fmt.Sprintf("%d,%d,%d,%d,%d,%d", v4[0], v4[1], v4[2], v4[3], port>>8, port&0xff), nil
}
