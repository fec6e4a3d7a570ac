package cli

import (
	"errors"
	"flag"
	"fmt"

	"exchange/app"
	"exchange/profile"
	"exchange/uploader"
	"exchange/validate"
)

// The steps `exchange upload` and `exchange watch` share: the flags that say
// where and how to send, their checks, the profile with its password, and the
// journal in the state folder.

// newSendFlagSet is the flag set of a sending command (upload, watch), with
// the flags they share declared into f.
func newSendFlagSet(e env, command string, f *uploadFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f.registerSendFlags(fs)
	return fs
}

// registerSendFlags declares the flags both sending commands take.
func (f *uploadFlags) registerSendFlags(fs *flag.FlagSet) {
	fs.StringVar(&f.profileName, "profile", "", "send with this saved server profile")
	fs.StringVar(&f.server, "server", "", "send to this server: ftp://user@host:port/dir, ftpes:// or ftps://")
	fs.BoolVar(&f.active, "active", false, "use active mode (the server connects back to this PC)")
	fs.StringVar(&f.fingerprint, "tls-fingerprint", "", "trust exactly the server certificate with this SHA-256 fingerprint")
	fs.BoolVar(&f.asJSON, "json", false, "print every event as one JSON object per line")
	fs.IntVar(&f.connections, "connections", 0, "parallel uploads, 1 to 8 (default: the profile's, or 2)")
	fs.StringVar(&f.state, "state", "", "folder of the journal and history (default: EXCHANGE_STATE_DIR or the user's config folder)")
}

// parseSend parses the arguments of a sending command (upload, watch) whose
// flags are declared on fs: it returns the files or folders named, or, when
// the command must stop (usage shown, or what is wrong with the flags said),
// ok false and the exit code.
func parseSend(e env, fs *flag.FlagSet, usage string, f *uploadFlags) (args []string, code int, ok bool) {
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, usage)
		fs.PrintDefaults()
	}
	args, err := parseInterspersed(fs, e.args)
	if err != nil {
		return nil, ExitUsage, false
	}
	if len(args) == 0 {
		fs.Usage()
		return nil, ExitUsage, false
	}
	if err := f.checkSendFlags(); err != nil {
		return nil, usageFailure(e, fs.Name())("%v", err), false
	}
	return args, ExitOK, true
}

// checkSendFlags is what is wrong with the shared flags, nil if nothing.
func (f *uploadFlags) checkSendFlags() error {
	if (f.profileName == "") == (f.server == "") {
		return errors.New("give either --profile NAME or --server URL")
	}
	if f.connections < 0 || f.connections > 8 {
		return errors.New("--connections must be between 1 and 8")
	}
	return nil
}

// usageFailure is the fail function of a command: it prints the sentence
// after the command's name and returns ExitUsage.
func usageFailure(e env, command string) func(format string, args ...any) int {
	return func(format string, args ...any) int {
		fmt.Fprintf(e.stderr, "exchange %s: %s\n", command, safeText(fmt.Sprintf(format, args...)))
		return ExitUsage
	}
}

// profileAndPassword is the profile the flags name and its password: from the
// keychain or EXCHANGE_PASSWORD, else asked on the terminal.
func profileAndPassword(e env, f uploadFlags) (profile.Profile, string, error) {
	p, password, err := resolveUploadProfile(f)
	if err != nil {
		return p, "", err
	}
	if password == "" {
		password, err = askPassword(e, p)
	}
	return p, password, err
}

// openSendState opens what a sending command needs besides the server: the
// validation options of the profile's template and the journal in the state
// folder (whose notice, if any, is printed). The caller closes the journal.
func openSendState(e env, command string, p profile.Profile, state string) (validate.Options, *uploader.Journal, error) {
	vopts, err := app.ValidateOptions(p.Template)
	if err != nil {
		return vopts, nil, err
	}
	dir, err := app.StateDir(state)
	if err != nil {
		return vopts, nil, err
	}
	journal, err := uploader.OpenJournal(dir)
	if err != nil {
		return vopts, nil, err
	}
	if notice := journal.Notice(); notice != "" {
		fmt.Fprintf(e.stderr, "exchange %s: note: %s\n", command, safeText(notice))
	}
	return vopts, journal, nil
}
