// Command officebench is bench/office.sh: the office benchmark of issue 21.
// A vsftpd of the test harness (explicit FTPS offered, TLS session reuse
// required, as vsftpd ships) sits behind a delaying proxy (bench/latency)
// that gives control AND data connections a round trip; four contenders send
// the same files in the same run, the order turning from run to run:
//
//   - lftp mirror -R with xfer:use-temp-file (the same safety as Exchange:
//     temporary name, then rename), which every ratio is taken against;
//   - exchange upload (validation, journal, temporary name, size check, rename);
//   - plain lftp mirror -R and curl -T, which write under the final names.
//
// Scenarios: 20 files of 50 KB over FTPS, 500 files of 4 KiB, one file of
// 200 MB (plain FTP), all valid AL3 (al3gen). For each it prints the median
// seconds, the ratio lftp-with-temporary-names time / contender time (at
// least 1.00 means as fast or faster), and the round trips per file: the
// commands each client sent per file, counted in the server's protocol log,
// with the control and data connections (each costs a handshake round trip
// more, and a TLS handshake over FTPS).
//
// Environment: RTTS_MS (default "30,10"), RUNS (3), PARALLEL (2, Exchange's
// default connections; lftp gets the same --parallel), SCENARIOS (a list of
// ftps50k, small, large; default all), EXCHANGE_BIN (another build to measure).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"exchange/bench/benchkit"
	"exchange/bench/pipeline"
	"exchange/internal/ftptest"
	"exchange/transport"
)

// scenario is one batch of files.
type scenario struct {
	key, title string
	files      int
	size       int64
	tls        bool
}

var scenarios = []scenario{
	{key: "ftps50k", title: "20 files of 50 KB over explicit FTPS", files: 20, size: 50_000, tls: true},
	{key: "small", title: "500 files of 4 KiB, plain FTP", files: 500, size: 4 << 10},
	{key: "large", title: "one file of 200 MB, plain FTP", files: 1, size: 200_000_000},
}

func main() {
	benchkit.Exit("officebench", run())
}

func run() error {
	runs, parallel := envInt("RUNS", 3), envInt("PARALLEL", 2)
	var rtts []time.Duration
	for _, ms := range strings.Split(envOr("RTTS_MS", "30,10"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(ms))
		if err != nil || n <= 0 {
			return fmt.Errorf("RTTS_MS: %q is not a number of milliseconds", ms)
		}
		rtts = append(rtts, time.Duration(n)*time.Millisecond)
	}
	chosen := map[string]bool{}
	for _, k := range strings.Split(envOr("SCENARIOS", "ftps50k,small,large"), ",") {
		chosen[strings.TrimSpace(k)] = true
	}
	tmp, err := os.MkdirTemp("", "officebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := os.Getenv("EXCHANGE_BIN")
	if bin == "" {
		if bin, err = pipeline.BuildExchange(tmp); err != nil {
			return err
		}
	}
	srv, err := ftptest.Launch(ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit, RequireTLSReuse: true})
	if err != nil {
		return err
	}
	defer srv.Stop()
	t := target{port: srv.Port, user: srv.User, password: srv.Password, fingerprint: srv.Fingerprint,
		exchangeBin: bin, state: tmp + "/state", parallel: parallel}
	fmt.Printf("vsftpd (test harness), explicit FTPS offered, TLS session reuse required; %d connections for Exchange and lftp; median of %d run(s), the order turning each run\n",
		parallel, runs)
	fmt.Println("ratio = lftp-with-temporary-names seconds / this contender's seconds (>= 1.00: as fast or faster)")
	fmt.Println("round trips/file = commands the client sent per file (server protocol log); conns = control + data connections, each a handshake round trip more (and a TLS one over FTPS)")
	for _, sc := range scenarios {
		if !chosen[sc.key] {
			continue
		}
		local, names, err := writeFiles(tmp, sc)
		if err != nil {
			return err
		}
		for _, rtt := range rtts {
			b := &bench{srv: srv, t: t, sc: sc, rtt: rtt, local: local, names: names}
			if err := b.measure(runs); err != nil {
				return fmt.Errorf("%s at %v: %w", sc.title, rtt, err)
			}
		}
		if err := os.RemoveAll(local); err != nil {
			return err
		}
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
