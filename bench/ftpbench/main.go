// Command ftpbench measures Exchange's FTP sessions against curl and lftp in
// one run, on vsftpd from the test harness over loopback: a file (1 GiB by
// default) uploaded plain in passive and active mode (against curl -T), and
// over explicit FTPS capped at TLS 1.2 (against lftp and curl). Each figure
// is the median of -runs runs; every upload is checked by size on disk.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"exchange/bench/benchkit"
	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

func main() {
	sizeMiB := flag.Int("size", 1024, "file size in MiB")
	runs := flag.Int("runs", 3, "runs per measurement (the median is kept)")
	only := flag.String("only", "", "run only the groups with a row whose label contains this, e.g. active")
	flag.Parse()
	benchkit.Exit("ftpbench", run(int64(*sizeMiB)<<20, *runs, *only))
}

func run(size int64, runs int, only string) error {
	dir, err := os.MkdirTemp("", "ftpbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "payload.bin")
	if err := benchkit.WriteRandom(file, size); err != nil {
		return err
	}
	plain, err := ftptest.Launch(ftptest.VSFTPD, ftptest.Options{})
	if err != nil {
		return err
	}
	defer plain.Stop()
	tls12, err := ftptest.Launch(ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit, TLS12Only: true})
	if err != nil {
		return err
	}
	defer tls12.Stop()
	fmt.Printf("%d MiB to vsftpd on loopback, median of %d runs, MB/s (10^6 bytes per second)\n\n", size>>20, runs)

	// once uploads one file with upload and returns the rate in MB/s.
	once := func(srv *ftptest.Server, remote string, upload func(remote string) error) (float64, error) {
		start := time.Now()
		if err := upload(remote); err != nil {
			return 0, fmt.Errorf("%s: %w", remote, err)
		}
		took := time.Since(start)
		info, err := os.Stat(srv.Path(remote))
		if err != nil || info.Size() != size {
			return 0, fmt.Errorf("%s: the file on the server is not whole (%v)", remote, err)
		}
		os.Remove(srv.Path(remote))
		return float64(size) / took.Seconds() / 1e6, nil
	}
	ours := func(srv *ftptest.Server, mode transport.Mode, tlsMode transport.TLSMode) func(string) error {
		return func(remote string) error {
			s, err := ftpclient.Dial(context.Background(), srv.Config(mode, tlsMode))
			if err != nil {
				return err
			}
			defer s.Quit()
			return benchkit.StoreFile(s, file, remote)
		}
	}
	url := func(srv *ftptest.Server, remote string) string {
		return fmt.Sprintf("ftp://%s:%s@%s:%d/%s", srv.User, srv.Password, srv.Host, srv.Port, remote)
	}
	command := func(name string, args ...string) func(string) error {
		return func(remote string) error {
			full := make([]string, len(args))
			for i, a := range args {
				if a == "REMOTE" {
					a = remote
				}
				full[i] = a
			}
			out, err := exec.Command(name, full...).CombinedOutput()
			if err != nil {
				return fmt.Errorf("%s: %v: %s", name, err, out)
			}
			return nil
		}
	}
	type row struct {
		label string
		srv   *ftptest.Server
		fn    func(string) error
	}
	curlPlain := func(extra ...string) func(string) error {
		return func(remote string) error {
			args := append([]string{"-sS", "-T", file}, extra...)
			return command("curl", append(args, url(plain, remote))...)(remote)
		}
	}
	lftpTLS := func(remote string) error {
		script := fmt.Sprintf("set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; "+
			"open -u %s,%s -p %d %s; put %s -o %s", tls12.User, tls12.Password, tls12.Port, tls12.Host, file, remote)
		return command("lftp", "-c", script)(remote)
	}
	curlTLS := func(remote string) error {
		return command("curl", "-sS", "--ssl-reqd", "-k", "--tls-max", "1.2", "-T", file, url(tls12, remote))(remote)
	}
	groups := [][]row{
		{{"curl -T, passive (EPSV)", plain, curlPlain()}, {"Exchange, passive", plain, ours(plain, transport.Passive, transport.TLSNone)}},
		{{"curl -T -P -, active (EPRT)", plain, curlPlain("-P", "-")}, {"Exchange, active", plain, ours(plain, transport.Active, transport.TLSNone)}},
		{{"lftp put, FTPS TLS 1.2", tls12, lftpTLS}, {"curl -T, FTPS TLS 1.2", tls12, curlTLS},
			{"Exchange, FTPS TLS 1.2 passive", tls12, ours(tls12, transport.Passive, transport.TLSExplicit)},
			{"Exchange, FTPS TLS 1.2 active", tls12, ours(tls12, transport.Active, transport.TLSExplicit)}},
	}
	for _, g := range groups {
		if only != "" && !slices.ContainsFunc(g, func(r row) bool { return strings.Contains(r.label, only) }) {
			continue
		}
		// The runs of a group take turns (a, b, a, b...), so that a slow
		// spell of the machine falls on every side alike.
		rates := make([][]float64, len(g))
		failed := make([]error, len(g))
		for run := range runs {
			for i, r := range g {
				if failed[i] != nil {
					continue
				}
				rate, err := once(r.srv, fmt.Sprintf("g%d-%d.bin", i, run), r.fn)
				if err != nil {
					failed[i] = err
					continue
				}
				rates[i] = append(rates[i], rate)
			}
		}
		var base float64
		for i, r := range g {
			if failed[i] != nil {
				fmt.Printf("  %-34s failed: %v\n", r.label, failed[i])
				continue
			}
			rate := benchkit.Median(rates[i])
			if i == 0 {
				base = rate
				fmt.Printf("  %-34s %8.0f MB/s\n", r.label, rate)
				continue
			}
			fmt.Printf("  %-34s %8.0f MB/s   %.2f× %s\n", r.label, rate, rate/base, g[0].label)
		}
		fmt.Println()
	}
	return nil
}
