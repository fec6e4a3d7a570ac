package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os/signal"
	"strconv"
	"syscall"

	"exchange/localserver"
	"exchange/profile"
)

func init() {
	commands["serve"] = command{summary: "run the built-in FTP server (files land in a local folder)", run: runServe}
}

// serveContext is where serve waits; tests replace it to stop the server.
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
}

func runServe(e env) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("dir", BuiltInInbox(), "folder where uploaded files land")
	port := fs.Int("port", builtInPort, "control port (0: any free port)")
	listen := fs.String("listen", "127.0.0.1", "address to listen on (0.0.0.0 to accept other computers)")
	useTLS := fs.Bool("tls", false, "offer explicit FTPS (AUTH TLS) with a self-signed certificate")
	user := fs.String("user", builtInUser, "user name clients log in with")
	password := fs.String("password", profile.BuiltInPassword, "password clients log in with")
	if err := fs.Parse(e.args); err != nil {
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "exchange serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	if err := builtInAllowed(); err != nil {
		fmt.Fprintf(e.stderr, "exchange serve: %v\n", err)
		return ExitUsage
	}
	mode := localserver.TLSOff
	if *useTLS {
		mode = localserver.TLSExplicit
	}
	srv, err := localserver.Start(localserver.Options{Dir: *dir, ListenAddr: net.JoinHostPort(*listen, strconv.Itoa(*port)),
		User: *user, Password: *password, TLS: mode})
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange serve: %v\n", err)
		return ExitUsage
	}
	defer srv.Close()
	fmt.Fprintf(e.stdout, "Exchange built-in FTP server listening on %s\n", srv.Addr())
	fmt.Fprintf(e.stdout, "  files land in: %s\n", srv.Dir())
	fmt.Fprintf(e.stdout, "  log in as:     %s / %s (passive and active mode)\n", *user, *password)
	if *useTLS {
		fmt.Fprintf(e.stdout, "  TLS:           explicit (AUTH TLS), certificate SHA-256 %s\n", srv.Fingerprint())
	}
	fmt.Fprintln(e.stdout, "Press Ctrl-C to stop.")
	ctx, stop := serveContext()
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(e.stdout, "stopped")
	return ExitOK
}
