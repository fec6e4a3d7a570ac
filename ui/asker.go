package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
	"exchange/transport"
	"exchange/uploader"
)

// Asker asks the clerk what the service needs to know while it works: send
// again content already sent, trust an unknown certificate, a password that
// is not remembered. It needs only the window its dialogs belong to, so it
// exists before the service and the Window: the service is given its methods
// when it is built, and nothing is bound late.
//
// Each question is asked once: connections that need the same answer at the
// same time (two workers, one new certificate) wait for the one dialog.
type Asker struct {
	win   fyne.Window
	store *profile.Store
	log   *LogBuffer

	mu sync.Mutex
	// passwords are the passwords known this session, by profile (typed
	// in, or read from the keychain): never written anywhere by the Asker.
	passwords map[string]string
	// given are the logins (user@host:port) whose password, even empty,
	// the clerk gave: only those may log in with an empty password.
	given map[string]bool
	// trusted are the certificates accepted this session, by profile.
	trusted map[string]bool
	// open are the questions on screen, by subject.
	open map[string]*openQuestion
	// onPinned tells the window a profile now pins a certificate.
	onPinned func(profile.Profile)
}

type openQuestion struct {
	done  chan struct{}
	value string
	ok    bool
}

// NewAsker makes the Asker of a window; store keeps passwords and pins (it
// may be nil in tests of the dialogs alone).
func NewAsker(win fyne.Window, store *profile.Store, log *LogBuffer) *Asker {
	if log == nil {
		log = NewLogBuffer(2000)
	}
	return &Asker{win: win, store: store, log: log, passwords: map[string]string{}, given: map[string]bool{},
		trusted: map[string]bool{}, open: map[string]*openQuestion{}}
}

// once asks the question of subject key unless it is on screen already, in
// which case it waits for that answer (or for ctx). keep runs under the lock
// before anyone else can ask the same again.
func (a *Asker) once(ctx context.Context, key string, ask func() (string, bool), keep func(string, bool)) (string, bool) {
	a.mu.Lock()
	if q := a.open[key]; q != nil {
		a.mu.Unlock()
		select {
		case <-q.done:
			return q.value, q.ok
		case <-ctx.Done():
			return "", false
		}
	}
	q := &openQuestion{done: make(chan struct{})}
	a.open[key] = q
	a.mu.Unlock()
	q.value, q.ok = ask()
	a.mu.Lock()
	if keep != nil {
		keep(q.value, q.ok)
	}
	delete(a.open, key)
	a.mu.Unlock()
	close(q.done)
	return q.value, q.ok
}

// Configure is the service's Options.Configure: certificates are confirmed
// through the Asker, and a login whose password is not known asks for it.
// A login with no password the clerk gave is refused by GuardDial.
func (a *Asker) Configure(ctx context.Context, p profile.Profile, cfg *transport.Config) {
	cfg.ConfirmCertificate = func(info transport.CertInfo) bool { return a.ConfirmCertificate(ctx, p, info) }
	if cfg.Password != "" || p.BuiltIn || keyLogin(*cfg) {
		return
	}
	if pw, err := a.Password(ctx, p); err == nil {
		cfg.Password = pw
		a.mu.Lock()
		a.given[loginKey(*cfg)] = true
		a.mu.Unlock()
	}
}

// ErrNoPasswordGiven refuses a login whose password nobody gave.
var ErrNoPasswordGiven = errors.New("no password was given, so Exchange did not try to log in; choose Retry to be asked for it")

// GuardDial wraps the service's Dial: a login with an empty password that
// the clerk did not give never reaches the server (repeated empty logins
// can lock the clerk's account).
func (a *Asker) GuardDial(dial func(context.Context, transport.Config) (transport.Session, error)) func(context.Context, transport.Config) (transport.Session, error) {
	return func(ctx context.Context, cfg transport.Config) (transport.Session, error) {
		if cfg.Password == "" && !keyLogin(cfg) {
			a.mu.Lock()
			ok := a.given[loginKey(cfg)]
			a.mu.Unlock()
			if !ok {
				return nil, &transport.Error{Op: "login as " + cfg.User, Kind: transport.ClassAuth, Err: ErrNoPasswordGiven}
			}
		}
		return dial(ctx, cfg)
	}
}

func loginKey(cfg transport.Config) string {
	return cfg.User + "@" + strings.ToLower(cfg.Host) + ":" + strconv.Itoa(cfg.Port)
}

func profileKey(p profile.Profile) string { return strings.ToLower(p.Name) + "/" + p.User }

// Known is the password of p known without asking: given this session, or
// remembered in the keychain.
func (a *Asker) Known(p profile.Profile) (string, bool) {
	if p.BuiltIn {
		return profile.BuiltInPassword, true
	}
	a.mu.Lock()
	pw, ok := a.passwords[profileKey(p)]
	a.mu.Unlock()
	if ok || a.store == nil {
		return pw, ok
	}
	pw, err := a.store.Password(p)
	if err != nil {
		return "", false
	}
	a.Remember(p, pw)
	return pw, true
}

// Remember keeps a password the clerk gave for the rest of the session.
func (a *Asker) Remember(p profile.Profile, password string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.passwords[profileKey(p)] = password
	if cfg, err := p.ClientConfig(password); err == nil {
		a.given[loginKey(cfg)] = true
	}
}

// Password is p's password: known, or asked for (once, whoever else needs
// it meanwhile). ErrNoPasswordGiven when the clerk cancels or ctx ends.
func (a *Asker) Password(ctx context.Context, p profile.Profile) (string, error) {
	if pw, ok := a.Known(p); ok {
		return pw, nil
	}
	key := "password\x00" + profileKey(p)
	pw, ok := a.once(ctx, key, func() (string, bool) {
		return askValue(ctx, func(answer func(string, bool)) dialog.Dialog { return a.passwordDialog(p, answer) })
	}, func(pw string, ok bool) {
		if ok {
			a.passwords[profileKey(p)] = pw
		}
	})
	if !ok {
		return "", ErrNoPasswordGiven
	}
	a.Remember(p, pw)
	return pw, nil
}

// KeychainNote says in plain words why p's password cannot be remembered,
// or "" when it can. The detail of the failure goes to the log.
func (a *Asker) KeychainNote(p profile.Profile) string {
	if a.store == nil || p.BuiltIn {
		return ""
	}
	if note := passwordsNotKeptNote(); note != "" {
		return note
	}
	_, err := a.store.Password(p)
	if err == nil || errors.Is(err, profile.ErrNoPassword) {
		return ""
	}
	a.log.Add("keychain: " + err.Error())
	return lang.L("The system keychain is not available on this computer, so Exchange cannot remember this password: it will ask for it at each start.")
}

// passwordDialog asks for p's password, offering to remember it when the
// keychain works. The field has the focus and Enter connects.
func (a *Asker) passwordDialog(p profile.Profile, answer func(string, bool)) dialog.Dialog {
	entry := widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Password"), entry)}
	var remember *widget.Check
	if note := a.KeychainNote(p); note != "" {
		text := widget.NewLabel(note)
		text.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("", text))
	} else {
		remember = widget.NewCheck(lang.L("Remember in the system keychain"), nil)
		remember.SetChecked(true)
		items = append(items, widget.NewFormItem("", remember))
	}
	// The profile's name says which account: two profiles often share user and host.
	d := dialog.NewForm(fmt.Sprintf(lang.L("Password for %s@%s (%s)"), p.User, p.Host, p.Name), lang.L("Connect"), lang.L("Cancel"), items, func(ok bool) {
		// Hiding the dialog does not take the focus away: the field's blinking
		// cursor would go on redrawing the window for ever.
		entry.FocusLost()
		if ok && remember != nil && remember.Checked && a.store != nil {
			if err := a.store.SetPassword(p, entry.Text); err != nil {
				a.log.Add("password not remembered: " + err.Error())
			}
		}
		answer(entry.Text, ok)
	}, a.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	onShown := func() { a.win.Canvas().Focus(entry) }
	return &focusingDialog{Dialog: d, onShown: onShown}
}

// focusingDialog gives a field the focus once the dialog is shown.
type focusingDialog struct {
	dialog.Dialog
	onShown func()
}

func (d *focusingDialog) Show() {
	d.Dialog.Show()
	d.onShown()
}

// ConfirmCertificate asks whether to trust a certificate that is neither
// trusted by this computer nor pinned, once per profile and fingerprint:
// other connections needing the answer meanwhile wait for it. A trusted
// certificate is pinned in the profile.
func (a *Asker) ConfirmCertificate(ctx context.Context, p profile.Profile, info transport.CertInfo) bool {
	key := "certificate\x00" + strings.ToLower(p.Name) + "\x00" + normalizeFingerprint(info.SHA256)
	a.mu.Lock()
	trusted := a.trusted[key]
	a.mu.Unlock()
	if trusted {
		return true
	}
	_, ok := a.once(ctx, key, func() (string, bool) {
		ok := ask(ctx, func(answer func(bool)) dialog.Dialog { return a.certificateDialog(info, answer) })
		if ok {
			a.pin(p, info.SHA256)
		}
		return "", ok
	}, func(_ string, ok bool) {
		if ok {
			a.trusted[key] = true
		}
	})
	return ok
}

func normalizeFingerprint(fp string) string {
	return strings.ToLower(strings.ReplaceAll(fp, ":", ""))
}

func (a *Asker) certificateDialog(info transport.CertInfo, answer func(bool)) dialog.Dialog {
	if isHostKey(info) { // an SFTP server's SSH host key (hostkey_dialog.go)
		return a.hostKeyDialog(info, answer)
	}
	text := widget.NewLabel(fmt.Sprintf(lang.L("The server's certificate is not trusted by this computer (%s).")+"\n\n"+
		lang.L("Subject: %s")+"\n"+lang.L("Issued by: %s")+"\n"+lang.L("Valid until: %s")+"\n\n"+lang.L("SHA-256 fingerprint:")+"\n%s\n\n"+
		lang.L("Trust it only if this fingerprint is exactly the one your administrator gave you. Exchange will then remember it and refuse any other certificate for this server."),
		info.Reason, info.Subject, info.Issuer, info.NotAfter.Format("2006-01-02"), info.SHA256))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Trust this server?"), lang.L("Trust this certificate"), lang.L("Do not connect"), text, answer, a.win)
	d.Resize(fyne.NewSize(620, 380))
	return d
}

// pin saves the accepted fingerprint in the profile as it is now in the
// store (not as the connection saw it: a Save or a mode chosen meanwhile
// stays), then tells the window.
func (a *Asker) pin(p profile.Profile, fp string) {
	if a.store != nil {
		if fresh, err := a.store.Get(p.Name); err == nil {
			p = fresh
		}
	}
	p.PinnedSHA256 = fp
	if !p.BuiltIn && !p.ReadOnly && a.store != nil {
		if err := a.store.Save(p); err != nil {
			a.log.Add("save pinned certificate: " + err.Error())
		}
	}
	a.mu.Lock()
	notify := a.onPinned
	a.mu.Unlock()
	if notify != nil {
		notify(p)
	}
}

func (a *Asker) setOnPinned(fn func(profile.Profile)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.onPinned = fn
}

// DecideDuplicate is the service's Options.DecideDuplicate: it asks whether
// to send content that was already sent. When ctx ends first (the app is
// quitting), the question goes away unanswered.
func (a *Asker) DecideDuplicate(ctx context.Context, d uploader.Duplicate) bool {
	a.log.Add("asking: already sent: " + d.Path)
	log.Print("asking: already sent: ", d.Path) // the smoke test waits for this line
	return ask(ctx, func(answer func(bool)) dialog.Dialog {
		return dialog.NewConfirm(lang.L("Already sent"),
			fmt.Sprintf(lang.L("The same content as %s was already sent to %q on %s (as %s).")+"\n\n"+lang.L("Send it again?"),
				d.Path, d.Profile, d.SentAt.Local().Format(lang.X("layout.sent_at", "Monday 2 January 2006 at 15:04")), d.RemotePath),
			answer, a.win)
	})
}

// ask shows the dialog that build makes (on the UI goroutine) and waits for
// its answer, or for ctx to end: then the dialog closes and the answer is no.
// Without this, an open question would keep the service's goroutine, and so
// the app's exit, waiting for ever.
func ask(ctx context.Context, build func(answer func(bool)) dialog.Dialog) bool {
	_, ok := askValue(ctx, func(answer func(string, bool)) dialog.Dialog {
		return build(func(ok bool) { answer("", ok) })
	})
	return ok
}

// askValue is ask for a dialog that answers with a text too.
func askValue(ctx context.Context, build func(answer func(string, bool)) dialog.Dialog) (string, bool) {
	type reply struct {
		value string
		ok    bool
	}
	answer := make(chan reply, 1)
	var shown dialog.Dialog // UI goroutine only
	onUI(func() {
		shown = build(func(value string, ok bool) {
			// Hiding a dialog calls this again (even one already answered,
			// when ctx ended at the same moment): only the first answer counts,
			// and the UI goroutine must never block here.
			select {
			case answer <- reply{value, ok}:
			default:
			}
		})
		shown.Show()
	})
	select {
	case r := <-answer:
		return r.value, r.ok
	case <-ctx.Done():
		onUI(func() { shown.Hide() }) // runs after the show: onUI keeps the order
		return "", false
	}
}
