package desktop

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"exchange/internal/uitest"
	"exchange/localserver"
	"exchange/profile"
	"exchange/ui"
	"exchange/validate/al3/al3gen"
)

const agencyPassword = "s3cret"

// agency starts the agency's FTP server (the built-in server's code, with
// a password and, with TLS, a self-signed certificate nobody trusts) and
// saves its profile, as a clerk would in Settings.
func (j *journey) agency(tlsMode localserver.TLSMode, connections int) (profile.Profile, *localserver.Server) {
	j.t.Helper()
	srv, err := localserver.Start(localserver.Options{Dir: j.t.TempDir(), User: "clerk", Password: agencyPassword, TLS: tlsMode})
	if err != nil {
		j.t.Fatal(err)
	}
	j.t.Cleanup(func() { srv.Close() })
	p := profile.Profile{Name: "Agency", Host: "127.0.0.1", Port: srv.Port(), User: "clerk", Mode: "passive",
		TLS: "none", Connections: connections}
	if tlsMode == localserver.TLSExplicit {
		p.TLS = "explicit"
	}
	store, err := profile.OpenStore(j.state, j.keys)
	if err != nil {
		j.t.Fatal(err)
	}
	if err := store.Save(p); err != nil {
		j.t.Fatal(err)
	}
	return p, srv
}

// rememberPassword puts the agency's password in the keychain.
func (j *journey) rememberPassword(p profile.Profile) {
	j.t.Helper()
	store, err := profile.OpenStore(j.state, j.keys)
	if err != nil {
		j.t.Fatal(err)
	}
	if err := store.SetPassword(p, agencyPassword); err != nil {
		j.t.Fatal(err)
	}
}

// choose picks the server called name in the toolbar.
func (j *journey) choose(name string) {
	j.t.Helper()
	ui.DoAndWait(func() {
		for _, s := range uitest.FindAll(j.win().Content(), func(s *widget.Select) bool { return s.PlaceHolder == "Choose a server" }) {
			s.SetSelected(name)
			return
		}
		j.t.Error("no server selector in the toolbar")
	})
}

// typePassword waits for the password dialog, types password and connects.
func (j *journey) typePassword(password string) string {
	j.t.Helper()
	d := j.waitDialog("Password for")
	var text string
	ui.DoAndWait(func() {
		text = uitest.TextOf(d)
		for _, e := range uitest.FindAll(d, func(e *widget.Entry) bool { return e.Password }) {
			test.Type(e, password)
		}
	})
	j.tap(d, "Connect")
	return text
}

// emptyLogins counts the connections attempted with an empty password.
func (j *journey) emptyLogins() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for _, c := range j.dials {
		if c.Password == "" {
			n++
		}
	}
	return n
}

// distinct makes each file of writeAL3 different: the same content twice
// would be a duplicate, with its question.
var distinct atomic.Int32

// writeAL3 writes a valid AL3 file called name, unlike any other it wrote.
func writeAL3(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	data := al3gen.New(al3gen.CRLF).Message(2+int(distinct.Add(1)), 2).Bytes()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// memKeychain is a keychain that works, in memory.
type memKeychain struct {
	mu sync.Mutex
	m  map[string]string
}

func newMemKeychain() *memKeychain { return &memKeychain{m: map[string]string{}} }

func (k *memKeychain) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	pw, ok := k.m[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return pw, nil
}

func (k *memKeychain) Set(service, user, pw string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[service+"/"+user] = pw
	return nil
}

func (k *memKeychain) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, service+"/"+user)
	return nil
}

// errNoSecretService is what go-keyring says on a Linux PC with no secret service.
var errNoSecretService = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default': The name org.freedesktop.secrets was not provided by any .service files")

// noSecretService is the keychain of a PC without a D-Bus secret service.
type noSecretService struct{}

func (noSecretService) Get(string, string) (string, error) { return "", errNoSecretService }
func (noSecretService) Set(string, string, string) error   { return errNoSecretService }
func (noSecretService) Delete(string, string) error        { return errNoSecretService }

// containsFold reports whether s contains sub, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
