package ui

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
)

// settingsView edits the server profiles: the password goes to the keychain,
// "Test connection" runs the diagnosis step by step.
type settingsView struct {
	w       *Window
	content fyne.CanvasObject
	names   *widget.List
	all     []profile.Profile
	editing profile.Profile
	// loaded is what the form said when editing was loaded: a field the
	// clerk did not change keeps the value the store has at Save time.
	loaded profile.Profile

	name, host, port, user, dir, fingerprint, template *widget.Entry
	password                                           *widget.Entry
	mode, tls, exists, duplicates                      *choiceSelect
	connections                                        *widget.Select
	tls12, rejectWarnings                              *widget.Check
	note                                               *widget.Label
	save, remove, makeDefault                          *widget.Button
	proto                                              *protocolControls // settings_protocol.go
	proxy                                              *proxyControls    // settings_proxy.go
	language                                           *choiceSelect     // settings_language.go
}

func newSettingsView(w *Window) *settingsView {
	s := &settingsView{w: w}
	s.names = widget.NewList(func() int { return len(s.all) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.all) {
				o.(*widget.Label).SetText(s.all[i].Name + origin(s.all[i]))
			}
		})
	s.names.OnSelected = func(i widget.ListItemID) {
		if i < len(s.all) {
			s.load(s.all[i])
		}
	}
	s.name, s.host, s.port, s.user = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.dir, s.fingerprint, s.template = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.password = widget.NewPasswordEntry()
	s.watchServerField()
	// Placeholders say what an empty field means; none looks like a value.
	s.host.SetPlaceHolder(lang.L("name or address of the server"))
	s.port.SetPlaceHolder(lang.L("empty: the usual port (21, or 990)"))
	s.dir.SetPlaceHolder(lang.L("empty: the folder you log in to"))
	s.fingerprint.SetPlaceHolder(lang.L("empty: the usual certificate check"))
	s.template.SetPlaceHolder(lang.L("empty: no import template"))
	s.password.SetPlaceHolder(lang.L("kept in the system keychain, never in a file"))
	s.mode = newChoiceSelect(modeChoices())
	s.tls = newChoiceSelect(tlsChoices())
	s.exists = newChoiceSelect(existsChoices())
	s.duplicates = newChoiceSelect(duplicateChoices())
	s.tls12 = widget.NewCheck(lang.L("TLS 1.2 only"), nil) // for servers that mishandle 1.3; in the Protocol row
	s.proto = newProtocolControls(s)
	s.proxy = newProxyControls()
	s.connections = widget.NewSelect([]string{"1", "2", "3", "4", "5", "6", "7", "8"}, nil)
	s.rejectWarnings = widget.NewCheck(lang.L("Refuse files with warnings too"), nil)
	s.note = widget.NewLabel("")
	s.note.Wrapping = fyne.TextWrapWord

	// Two columns of short groups, so that the form fits the default
	// window without scrolling.
	server := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), s.name),
		widget.NewFormItem(lang.L("Server"), s.host),
		widget.NewFormItem(lang.L("Port"), s.port),
		widget.NewFormItem(lang.L("User"), s.user),
		widget.NewFormItem(lang.L("Password"), s.password),
		widget.NewFormItem(lang.L("Private key (SFTP)"), s.proto.keyFile),
		widget.NewFormItem(lang.L("Folder"), s.dir),
		widget.NewFormItem(lang.L("Files at once"), s.connections),
	)
	connection := widget.NewForm(
		s.proto.item,
		s.proto.modeItem,
		s.proxy.item,
		widget.NewFormItem(lang.L("Certificate"), s.fingerprint),
		widget.NewFormItem(lang.L("Name exists"), s.exists.Select),
		widget.NewFormItem(lang.L("Sent before"), s.duplicates.Select),
		widget.NewFormItem(lang.L("Excel template"), s.templateChooser()),
		widget.NewFormItem("", s.rejectWarnings),
	)
	s.proto.form = connection
	heading := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	form := container.NewGridWithColumns(2,
		container.NewBorder(heading(lang.L("Server and login")), nil, nil, nil, server),
		container.NewBorder(heading(lang.L("Connection and files")), nil, nil, nil, connection))
	s.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), s.onRemove)
	s.makeDefault = widget.NewButtonWithIcon(lang.L("Use by default"), theme.ConfirmIcon(), s.onDefault)
	test := widget.NewButtonWithIcon(lang.L("Test connection"), theme.SearchIcon(), s.onTest)
	newProfile := widget.NewButtonWithIcon(lang.L("New server"), theme.ContentAddIcon(), func() {
		s.names.UnselectAll()
		s.load(profile.Profile{Mode: "passive", TLS: "explicit", Connections: profile.DefaultConnections})
	})
	buttons := container.NewHBox(s.save, test, s.makeDefault, s.remove)
	form.Layout = shareByMinWidth{} // the two columns fit a 1024 px window (sharelayout.go)
	right := container.NewBorder(nil, container.NewVBox(s.note, buttons), nil, nil, container.NewVScroll(form))
	left := container.NewBorder(nil, container.NewVBox(newProfile, s.languageChooser()), nil, nil, s.names)
	split := container.NewHSplit(left, right)
	split.Offset = 0.25
	s.content = split
	s.reload()
	return s
}

func origin(p profile.Profile) string {
	switch {
	case p.BuiltIn:
		return " " + lang.L("(built-in)")
	case p.ReadOnly:
		return " (" + setByAdministrator() + ")"
	}
	return ""
}

func (s *settingsView) reload() {
	if s.w.deps.Profiles == nil {
		return
	}
	all, err := s.w.deps.Profiles.List()
	if err != nil {
		s.note.SetText(err.Error())
		return
	}
	s.all = all
	s.names.Refresh()
	if len(all) > 0 && s.editing.Name == "" {
		s.names.Select(0)
	}
}

func (s *settingsView) load(p profile.Profile) {
	s.editing = p
	d := p.WithDefaults()
	s.name.SetText(p.Name)
	s.host.SetText(p.Host)
	s.port.SetText("")
	if p.Port > 0 {
		s.port.SetText(strconv.Itoa(p.Port))
	}
	s.user.SetText(p.User)
	s.password.SetText("")
	s.dir.SetText(p.RemoteDir)
	s.mode.setValue(string(d.Mode))
	s.tls.setValue(string(d.TLS))
	s.tls12.SetChecked(p.TLS12Only)
	s.fingerprint.SetText(p.PinnedSHA256)
	s.connections.SetSelected(strconv.Itoa(d.Connections))
	s.exists.setValue(string(d.Exists))
	s.duplicates.setValue(string(d.Duplicates))
	s.template.SetText(p.Template)
	s.rejectWarnings.SetChecked(p.RejectWarnings)
	s.proto.load(p)
	s.proxy.load(p)
	locked := p.BuiltIn || p.ReadOnly
	for _, b := range []*widget.Button{s.save, s.remove} {
		if locked {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	switch {
	case p.BuiltIn:
		s.note.SetText(fmt.Sprintf(lang.L("The built-in test server runs inside Exchange; files sent to it land in %s. It cannot be edited."), s.w.deps.Inbox))
	case p.ReadOnly:
		s.note.SetText(lang.L("Your administrator set up this server for the whole office; it cannot be edited here. Its password is yours and is kept in your keychain."))
	default:
		s.note.SetText("")
	}
	s.password.SetPlaceHolder(s.passwordHint(p))
	s.showPolicies(p)
	if s.proto.form != nil {
		s.proto.form.Refresh() // the rows' hints (protocol, proxy) changed
	}
	s.loaded, _ = s.fromForm()
}

// passwordHint says in plain words where the password of p is.
func (s *settingsView) passwordHint(p profile.Profile) string {
	switch {
	case p.Name == "" || p.BuiltIn:
		return lang.L("kept in the system keychain, never in a file")
	case s.w.asker.KeychainNote(p) != "":
		return lang.L("no keychain on this computer: asked at each start")
	}
	if _, err := s.w.deps.Profiles.Password(p); err == nil {
		return lang.L("remembered in the system keychain")
	}
	if _, known := s.w.asker.Known(p); known {
		return lang.L("given for this session")
	}
	return lang.L("not remembered: asked before connecting")
}

// untouched reports whether the form still says what it loaded.
func (s *settingsView) untouched() bool {
	p, _ := s.fromForm()
	return reflect.DeepEqual(p, s.loaded) && s.password.Text == ""
}

// refresh shows the profile being edited as it is now in the store (a
// certificate trusted or a mode chosen in the toolbar since), unless the
// clerk has changed the form.
func (s *settingsView) refresh() {
	if s.editing.Name == "" || s.w.deps.Profiles == nil || !s.untouched() {
		return
	}
	if fresh, err := s.w.deps.Profiles.Get(s.editing.Name); err == nil {
		s.load(fresh)
	}
}

// merged is what Save writes: each field the clerk changed in the form, and
// for the others the value the store has now (written meanwhile by the
// toolbar's mode or a trusted certificate), never the form's stale copy.
func (s *settingsView) merged(form profile.Profile) profile.Profile {
	if s.editing.Name == "" || s.w.deps.Profiles == nil {
		return form
	}
	fresh, err := s.w.deps.Profiles.Get(s.editing.Name)
	if err != nil {
		return form
	}
	out := reflect.ValueOf(&fresh).Elem()
	f, l := reflect.ValueOf(form), reflect.ValueOf(s.loaded)
	for i := 0; i < out.NumField(); i++ {
		if out.Field(i).CanSet() && !reflect.DeepEqual(f.Field(i).Interface(), l.Field(i).Interface()) {
			out.Field(i).Set(f.Field(i))
		}
	}
	return fresh
}

// fromForm reads the form into a profile.
func (s *settingsView) fromForm() (profile.Profile, error) {
	p := s.editing
	p.Name = strings.TrimSpace(s.name.Text)
	if looksLikeServerURL(s.host.Text) {
		if err := s.splitServerURL(); err != nil { // settings_serverurl.go
			return p, err
		}
	}
	p.Host = strings.TrimSpace(s.host.Text)
	p.Port = 0
	if t := strings.TrimSpace(s.port.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			return p, fmt.Errorf(lang.L("the port must be a number, not %q"), t)
		}
		p.Port = n
	}
	p.User = strings.TrimSpace(s.user.Text)
	p.RemoteDir = strings.TrimSpace(s.dir.Text)
	p.Mode, p.TLS, p.TLS12Only = profile.Mode(s.mode.value()), profile.TLSMode(s.tls.value()), s.tls12.Checked
	p.PinnedSHA256 = strings.TrimSpace(s.fingerprint.Text)
	p.Connections, _ = strconv.Atoi(s.connections.Selected)
	p.Exists, p.Duplicates = profile.ExistsPolicy(s.exists.value()), profile.DuplicatePolicy(s.duplicates.value())
	p.Template, p.RejectWarnings = strings.TrimSpace(s.template.Text), s.rejectWarnings.Checked
	s.proto.apply(&p)
	s.proxy.apply(&p)
	return p, p.Validate()
}

func (s *settingsView) onSave() {
	p, err := s.fromForm()
	if err != nil {
		dialog.ShowError(err, s.w.win)
		return
	}
	p = s.merged(p)
	before := s.editing // a rename or a new user: the old entry and its password move
	cur := s.w.CurrentProfile().Name
	inUse := strings.EqualFold(cur, p.Name) || before.Name != "" && strings.EqualFold(cur, before.Name)
	if err := s.w.deps.Profiles.Replace(before, p); err != nil {
		dialog.ShowError(err, s.w.win)
		return
	}
	if s.password.Text != "" {
		s.w.asker.Remember(p, s.password.Text)
		if err := s.w.deps.Profiles.SetPassword(p, s.password.Text); err != nil {
			s.w.deps.Log.Add("password not remembered: " + err.Error())
			showInfo(lang.L("Password not remembered"), notRememberedText(err), s.w.win)
		}
	}
	if inUse {
		// The profile the window sends to takes the new settings at once,
		// with the password typed, or else the one in use.
		s.w.mu.Lock()
		pw := s.w.password
		s.w.mu.Unlock()
		if s.password.Text != "" {
			pw = s.password.Text
		}
		s.w.useProfile(p, pw)
	}
	s.editing = p
	s.reload()
	s.w.reloadProfiles()
	if inUse {
		s.w.profiles.SetSelected(p.Name) // the new name, when renamed
	}
	s.note.SetText(fmt.Sprintf(lang.L("Saved %q."), p.Name))
}

func (s *settingsView) onRemove() {
	name := s.editing.Name
	dialog.ShowConfirm(lang.L("Delete server"), fmt.Sprintf(lang.L("Delete %q and its remembered password?"), name), func(ok bool) {
		if !ok {
			return
		}
		if err := s.w.deps.Profiles.Remove(name); err != nil {
			dialog.ShowError(err, s.w.win)
			return
		}
		s.editing = profile.Profile{}
		s.reload()
		s.w.reloadProfiles()
	}, s.w.win)
}

func (s *settingsView) onDefault() {
	if err := s.w.deps.Profiles.SetDefault(s.editing.Name); err != nil {
		dialog.ShowError(err, s.w.win)
		return
	}
	s.w.profiles.SetSelected(s.editing.Name)
	s.note.SetText(fmt.Sprintf(lang.L("%q is now used by default, also by Quick upload in the tray."), s.editing.Name))
}
