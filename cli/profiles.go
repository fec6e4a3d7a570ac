package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"strings"

	"exchange/profile"
)

func init() {
	commands["profiles"] = command{summary: "list, show, add, remove server profiles; set a password or the default", run: runProfiles}
}

const profilesUsage = `usage: exchange profiles [--state DIR] list
       exchange profiles show NAME
       exchange profiles add NAME --server ftp://user@host:port/dir [--active] [--tls-fingerprint SHA256] [--connections N]
                             [--proxy socks5://user@host:port | http://host:port | direct] [--limit 2MB/s]
       exchange profiles remove NAME
       exchange profiles set-password NAME     (reads the password from EXCHANGE_PASSWORD or standard input)
       exchange profiles default NAME`

func runProfiles(e env) int {
	fs := flag.NewFlagSet("profiles", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	state := fs.String("state", "", "state folder (default: EXCHANGE_STATE_DIR or the user's config folder)")
	if err := fs.Parse(e.args); err != nil || fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, profilesUsage)
		return ExitUsage
	}
	store, err := openProfiles(*state)
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange profiles: %v\n", err)
		return ExitUsage
	}
	args := fs.Args()
	verb, rest := args[0], args[1:]
	needName := func() (string, bool) {
		if len(rest) == 0 {
			fmt.Fprintf(e.stderr, "exchange profiles %s: which profile?\n%s\n", verb, profilesUsage)
			return "", false
		}
		return rest[0], true
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "exchange profiles %s: %s\n", verb, safeText(err.Error()))
		return ExitFailed
	}
	// namedProfile is the saved profile named, or ok false and the exit code.
	namedProfile := func() (p profile.Profile, code int, ok bool) {
		name, ok := needName()
		if !ok {
			return p, ExitUsage, false
		}
		p, err := store.Get(name)
		if err != nil {
			return p, fail(err), false
		}
		return p, ExitOK, true
	}
	// onNamed does change to the profile named and then says done (a format
	// with the name's %s or %q).
	onNamed := func(change func(name string) error, done string) int {
		name, ok := needName()
		if !ok {
			return ExitUsage
		}
		if err := change(name); err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, done+"\n", name)
		return ExitOK
	}
	switch verb {
	case "list":
		all, err := store.List()
		if err != nil {
			return fail(err)
		}
		def, _ := store.Default()
		for _, p := range all {
			mark := " "
			if p.Name == def.Name {
				mark = "*"
			}
			fmt.Fprintf(e.stdout, "%s %-24s %s%s\n", mark, safeText(p.Name), describeProfile(p), origin(p))
		}
		return ExitOK
	case "show":
		p, code, ok := namedProfile()
		if !ok {
			return code
		}
		p = p.WithDefaults()
		fmt.Fprintf(e.stdout, "name:         %s%s\nserver:       %s\nmode:         %s\ntls:          %s\nconnections:  %d\ntemp name:    %s\nif it exists: %s\nduplicates:   %s\n",
			p.Name, origin(p), describeProfile(p), p.Mode, p.TLS, p.Connections, p.TempPattern, p.Exists, p.Duplicates)
		switch {
		case p.IsSFTP():
			showSFTP(e.stdout, p)
		case p.PinnedSHA256 != "":
			fmt.Fprintf(e.stdout, "pinned cert:  %s\n", p.PinnedSHA256)
		}
		_, perr := store.Password(p)
		switch {
		case perr == nil:
			fmt.Fprintln(e.stdout, "password:     remembered in the keychain")
		case errors.Is(perr, profile.ErrNoKeychain):
			fmt.Fprintln(e.stdout, "password:     asked each time (no keychain on this computer)")
		default:
			fmt.Fprintln(e.stdout, "password:     not remembered")
		}
		return ExitOK
	case "add":
		name, ok := needName()
		if !ok {
			return ExitUsage
		}
		afs := flag.NewFlagSet("profiles add", flag.ContinueOnError)
		afs.SetOutput(e.stderr)
		server := afs.String("server", "", "ftp://user@host:port/dir (ftpes:// explicit TLS, ftps:// implicit)")
		active := afs.Bool("active", false, "active mode (the server connects back)")
		fingerprint := afs.String("tls-fingerprint", "", "trust exactly this certificate (SHA-256)")
		connections := afs.Int("connections", 0, "parallel uploads, 1 to 8 (default 2)")
		var ssh sshFlags
		ssh.register(afs)
		proxySetting := afs.String("proxy", "", "socks5://[user@]host:port, http://host:port or direct (default: the system's proxy)")
		limit := afs.String("limit", "", "speed limit of this profile's uploads together, like 2MB/s")
		if err := afs.Parse(rest[1:]); err != nil || *server == "" {
			fmt.Fprintln(e.stderr, profilesUsage)
			return ExitUsage
		}
		p, _, err := profileFromURL(*server) // refuses a password in the URL: set-password keeps it out of the process list
		if err != nil {
			return fail(err)
		}
		p.Name, p.Connections = name, *connections
		if *fingerprint != "" {
			if p.PinnedSHA256, err = pinFor(p, *fingerprint); err != nil {
				return fail(err)
			}
		}
		if *active {
			p.Mode = "active"
		}
		if err := ssh.apply(&p); err != nil {
			return fail(err)
		}
		p.Proxy, p.Limit = *proxySetting, *limit
		if err := store.Save(p); err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "saved profile %q (%s)\n", p.Name, describeProfile(p))
		if p.User != "anonymous" && p.User != "ftp" {
			fmt.Fprintf(e.stdout, "to remember its password in the keychain: exchange profiles set-password %q\n", p.Name)
		}
		return ExitOK
	case "remove":
		return onNamed(store.Remove, "removed profile %q and its password")
	case "set-password":
		p, code, ok := namedProfile()
		if !ok {
			return code
		}
		password, err := readSecret(e)
		if err != nil {
			return fail(err)
		}
		if err := store.SetPassword(p, password); err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "password of %q saved in the keychain\n", p.Name)
		return ExitOK
	case "default":
		return onNamed(store.SetDefault, "default profile: %s")
	}
	fmt.Fprintf(e.stderr, "exchange profiles: unknown action %q\n%s\n", verb, profilesUsage)
	return ExitUsage
}

func readSecret(e env) (string, error) {
	if pw := strings.TrimSpace(getenv("EXCHANGE_PASSWORD")); pw != "" {
		return pw, nil
	}
	if e.stdin == nil {
		return "", errors.New("no password: set EXCHANGE_PASSWORD or pipe it on standard input")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no password on standard input: %v", err)
	}
	return line, nil
}

func describeProfile(p profile.Profile) string {
	scheme := "ftp"
	switch p.TLS {
	case "none", "":
		if p.IsSFTP() {
			return describeSFTP(p)
		}
	case "explicit":
		scheme = "ftpes"
	case "implicit":
		scheme = "ftps"
	}
	port := ""
	if p.Port > 0 {
		port = fmt.Sprintf(":%d", p.Port)
	}
	mode := "passive"
	if p.Mode == "active" {
		mode = "active"
	}
	return safeText(fmt.Sprintf("%s://%s@%s%s%s (%s)", scheme, p.User, p.Host, port, profile.URLPath(p.RemoteDir), mode))
}

func origin(p profile.Profile) string {
	switch {
	case p.BuiltIn:
		return " [built-in]"
	case p.ReadOnly:
		return " [set by your administrator]"
	}
	return ""
}
