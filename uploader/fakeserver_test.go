package uploader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"

	"exchange/transport"
)

// fakeServer is an in-memory FTP server for the service's unit tests: files,
// REST/APPE semantics like a real server (bytes received before a failure
// stay), fault injection per command, and a record of the commands.
type fakeServer struct {
	mu       sync.Mutex
	files    map[string][]byte
	log      []string
	hash     bool // offer HASH (sha-256)
	noRest   bool // refuse REST
	dials    int
	dialErr  error
	fault    func(op, path string) error            // called before each command; an error is returned as is
	onChunk  func(path string, written int64) error // called after each chunk written by STOR/APPE
	snapshot func(names []string)                   // called with the listing after every change
}

func newFakeServer() *fakeServer { return &fakeServer{files: map[string][]byte{}} }

func (f *fakeServer) dial(ctx context.Context, cfg transport.Config) (transport.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dials++
	f.log = append(f.log, "DIAL "+cfg.Mode.String())
	if f.dialErr != nil {
		return nil, f.dialErr
	}
	return &fakeSession{srv: f, mode: cfg.Mode}, nil
}

func (f *fakeServer) names() []string {
	var out []string
	for n := range f.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (f *fakeServer) changed() {
	if f.snapshot != nil {
		f.snapshot(f.names())
	}
}

func (f *fakeServer) file(p string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.files[p]
	return append([]byte(nil), b...), ok
}

func (f *fakeServer) put(p string, b []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[p] = append([]byte(nil), b...)
}

func (f *fakeServer) commands(prefix string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, l := range f.log {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

func (f *fakeServer) listing() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.names()
}

type fakeSession struct {
	srv  *fakeServer
	mode transport.Mode
	quit bool
}

func notFound(op string) error {
	return &transport.Error{Op: op, Code: 550, Reply: "No such file", Kind: transport.ClassPermanent}
}

func (s *fakeSession) begin(op, p string) error {
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.log = append(s.srv.log, op+" "+p)
	if s.quit {
		return &transport.Error{Op: op, Kind: transport.ClassRetryable, Err: errNetClosed}
	}
	if s.srv.fault != nil {
		return s.srv.fault(op, p)
	}
	return nil
}

var errNetClosed = errors.New("use of closed network connection")

func (s *fakeSession) Features() map[string]string {
	if s.srv.hash {
		return map[string]string{"HASH": "SHA-256*"}
	}
	return map[string]string{}
}
func (s *fakeSession) MakeDirAll(dir string) error { return s.begin("MKD", dir) }
func (s *fakeSession) Size(p string) (int64, error) {
	if err := s.begin("SIZE", p); err != nil {
		return 0, err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	b, ok := s.srv.files[p]
	if !ok {
		return 0, notFound("SIZE " + p)
	}
	return int64(len(b)), nil
}

func (s *fakeSession) write(op, p string, r io.Reader, offset int64, appendMode bool) error {
	if err := s.begin(op, fmt.Sprintf("%s@%d", p, offset)); err != nil {
		return err
	}
	s.srv.mu.Lock()
	if offset > 0 && s.srv.noRest {
		s.srv.mu.Unlock()
		return &transport.Error{Op: "REST " + p, Code: 502, Reply: "REST not implemented", Kind: transport.ClassPermanent}
	}
	cur := s.srv.files[p]
	switch {
	case appendMode:
	case offset > int64(len(cur)):
		s.srv.mu.Unlock()
		return &transport.Error{Op: op + " " + p, Code: 554, Reply: "bad offset", Kind: transport.ClassPermanent}
	default:
		cur = cur[:offset]
	}
	s.srv.files[p] = append([]byte(nil), cur...)
	s.srv.changed()
	s.srv.mu.Unlock()
	buf := make([]byte, 8<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			s.srv.mu.Lock()
			s.srv.files[p] = append(s.srv.files[p], buf[:n]...)
			written := int64(len(s.srv.files[p]))
			hook := s.srv.onChunk
			s.srv.mu.Unlock()
			if hook != nil {
				if herr := hook(p, written); herr != nil {
					return herr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &transport.Error{Op: op + " " + p, Code: 426, Reply: "Transfer aborted", Kind: transport.ClassRetryable, Err: err}
		}
	}
}

func (s *fakeSession) Store(p string, r io.Reader, offset int64) error {
	return s.write("STOR", p, r, offset, false)
}
func (s *fakeSession) Append(p string, r io.Reader) error { return s.write("APPE", p, r, 0, true) }
func (s *fakeSession) Rename(from, to string) error {
	if err := s.begin("RNFR", from+" -> "+to); err != nil {
		return err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	b, ok := s.srv.files[from]
	if !ok {
		return notFound("RNFR " + from)
	}
	delete(s.srv.files, from)
	s.srv.files[to] = b
	s.srv.changed()
	return nil
}
func (s *fakeSession) Delete(p string) error {
	if err := s.begin("DELE", p); err != nil {
		return err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if _, ok := s.srv.files[p]; !ok {
		return notFound("DELE " + p)
	}
	delete(s.srv.files, p)
	s.srv.changed()
	return nil
}
func (s *fakeSession) Hash(p string) (string, string, error) {
	if !s.srv.hash {
		return "", "", transport.ErrNotSupported
	}
	if err := s.begin("HASH", p); err != nil {
		return "", "", err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	b, ok := s.srv.files[p]
	if !ok {
		return "", "", notFound("HASH " + p)
	}
	sum := sha256.Sum256(b)
	return "sha-256", hex.EncodeToString(sum[:]), nil
}
func (s *fakeSession) Noop() error          { return s.begin("NOOP", "") }
func (s *fakeSession) Mode() transport.Mode { return s.mode }
func (s *fakeSession) LoginDir() string     { return "/" }
func (s *fakeSession) Quit() error {
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.quit = true
	return nil
}

func isTemp(name string) bool { return strings.HasSuffix(path.Base(name), ".exchange-part") }
