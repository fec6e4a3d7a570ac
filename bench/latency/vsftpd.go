package latency

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"exchange/internal/ftptest"
)

// ListenHost is where ForVsftpd's proxy listens: clients connect to it.
const ListenHost = "127.0.0.2"

// ForVsftpd puts a proxy with this round trip in front of a vsftpd of the
// test harness: its control port and its whole passive range, read from the
// configuration the harness wrote beside the server's folder. Clients then
// connect to ListenHost on srv.Port.
func ForVsftpd(srv *ftptest.Server, rtt time.Duration) (*Proxy, error) {
	if srv.Kind != ftptest.VSFTPD {
		return nil, fmt.Errorf("latency: the passive range of %s is not known here, only vsftpd's", srv.Kind)
	}
	lo, hi, err := vsftpdPassiveRange(filepath.Join(filepath.Dir(srv.Dir), "vsftpd.conf"))
	if err != nil {
		return nil, err
	}
	ports := []int{srv.Port}
	for p := lo; p <= hi; p++ {
		ports = append(ports, p)
	}
	return Start(Config{ListenHost: ListenHost, TargetHost: srv.Host, Ports: ports, RTT: rtt})
}

// DataPorts are the proxy's ports other than the first (the control port):
// the count of connections on them shows the data went through the proxy.
func (p *Proxy) DataPorts() []int { return p.cfg.Ports[1:] }

// vsftpdPassiveRange reads pasv_min_port and pasv_max_port from a vsftpd.conf.
func vsftpdPassiveRange(conf string) (lo, hi int, err error) {
	f, err := os.Open(conf)
	if err != nil {
		return 0, 0, fmt.Errorf("latency: the server's passive range: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok {
			continue
		}
		switch key {
		case "pasv_min_port":
			lo, err = strconv.Atoi(value)
		case "pasv_max_port":
			hi, err = strconv.Atoi(value)
		}
		if err != nil {
			return 0, 0, fmt.Errorf("latency: %s in %s: %w", key, conf, err)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, fmt.Errorf("latency: read %s: %w", conf, err)
	}
	if lo <= 0 || hi < lo {
		return 0, 0, fmt.Errorf("latency: no passive range (pasv_min_port, pasv_max_port) in %s", conf)
	}
	return lo, hi, nil
}
