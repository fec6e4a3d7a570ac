package ftptest

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// BrokerEnv names the broker's address (host:port). When set, the system
// servers (vsftpd, pure-ftpd, proftpd, pyftpdlib) are started by the broker,
// a Linux process serving the harness on loopback (ServeBroker), instead of
// by this process: that is how the tests compiled for Windows and run under
// wine (make test-windows) reach the real Linux servers. ftpserverlib still
// runs in process.
const BrokerEnv = "EXCHANGE_FTPTEST_BROKER"

// brokerServer is a started server as the broker describes it.
type brokerServer struct {
	ID          string   `json:"id"`
	Host        string   `json:"host"`
	Port        int      `json:"port"`
	User        string   `json:"user"`
	Password    string   `json:"password"`
	Dir         string   `json:"dir"`
	Root        string   `json:"root"`
	LoginDir    string   `json:"login_dir"`
	Fingerprint string   `json:"fingerprint"`
	CertPEM     []byte   `json:"cert_pem"`
	Logs        []string `json:"logs"`
	Work        string   `json:"work"` // the server's own folder: its config and protocol log
}

type brokerStart struct {
	Kind    Kind    `json:"kind"`
	Options Options `json:"options"`
}

// ServeBroker starts and stops servers for remote test processes until l
// is closed; it stops every server it started before it returns.
func ServeBroker(l net.Listener) error {
	var mu sync.Mutex
	servers := map[string]*Server{}
	next := 0
	mux := http.NewServeMux()
	mux.HandleFunc("POST /start", func(w http.ResponseWriter, r *http.Request) {
		var req brokerStart
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req.Options.Dir = "" // the broker's own temporary folder
		ok, why := Supports(req.Kind, req.Options)
		if !ok {
			http.Error(w, why, http.StatusBadRequest)
			return
		}
		s, err := startHere(req.Kind, req.Options)
		if err != nil {
			status := http.StatusInternalServerError
			if _, ok := err.(errMissing); ok {
				status = http.StatusNotFound
			}
			http.Error(w, err.Error(), status)
			return
		}
		mu.Lock()
		next++
		id := fmt.Sprint(next)
		servers[id] = s
		mu.Unlock()
		_ = json.NewEncoder(w).Encode(brokerServer{ID: id, Host: s.Host, Port: s.Port, User: s.User, Password: s.Password,
			Dir: s.Dir, Root: s.Root, LoginDir: s.LoginDir, Fingerprint: s.Fingerprint, CertPEM: s.certPEM, Logs: s.logs, Work: s.work})
	})
	mux.HandleFunc("POST /stop", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		s := servers[r.URL.Query().Get("id")]
		delete(servers, r.URL.Query().Get("id"))
		mu.Unlock()
		if s != nil {
			s.Stop()
		}
	})
	err := http.Serve(l, mux)
	mu.Lock()
	defer mu.Unlock()
	for _, s := range servers {
		s.Stop()
	}
	return err
}

// startRemote asks the broker at addr for a server.
func startRemote(addr string, k Kind, o Options) (*Server, error) {
	body, _ := json.Marshal(brokerStart{Kind: k, Options: o})
	resp, err := http.Post("http://"+addr+"/start", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("ask the test-server broker at %s (%s) for %s: %w", addr, BrokerEnv, k, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		if resp.StatusCode == http.StatusNotFound {
			return nil, errMissing{strings.TrimSpace(string(msg))}
		}
		return nil, fmt.Errorf("the test-server broker could not start %s: %s", k, strings.TrimSpace(string(msg)))
	}
	var b brokerServer
	if err := json.NewDecoder(resp.Body).Decode(&b); err != nil {
		return nil, fmt.Errorf("read the test-server broker's answer: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(b.CertPEM)
	s := &Server{Kind: k, Host: b.Host, Port: b.Port, User: b.User, Password: b.Password,
		Dir: localPath(b.Dir), Root: localPath(b.Root), LoginDir: b.LoginDir, Fingerprint: b.Fingerprint,
		RootCAs: pool, Options: o, certPEM: b.CertPEM, work: localPath(b.Work)}
	for _, l := range b.Logs {
		s.logs = append(s.logs, localPath(l))
	}
	s.stop = func() {
		if r, err := http.Post("http://"+addr+"/stop?id="+b.ID, "text/plain", nil); err == nil {
			r.Body.Close()
		}
	}
	return s, nil
}

// localPath is where a path of the broker's (Linux) machine is seen from
// here: as it is on Linux, under wine's Z: drive (the Unix root) on Windows.
func localPath(p string) string {
	if runtime.GOOS == "windows" && strings.HasPrefix(p, "/") {
		return `Z:` + filepath.FromSlash(p)
	}
	return p
}
