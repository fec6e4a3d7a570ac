// Command pipeline measures the upload pipeline against its peers in one run
// and prints the figures and the ratios:
//
//   - small: N valid AL3 files of 4 KiB through `exchange upload` (validation,
//     journal, temporary name, size check and rename included) against
//     `lftp mirror -R --parallel=P`, to the same server;
//   - large: one valid AL3 file of S MiB through the whole service (validate,
//     hash, upload, verify, rename) against the bare transfer (one
//     ftpclient.Session.Store of the same file).
//
// Each figure is the median of R runs, alternating the contenders.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"exchange/validate/al3/al3gen"
)

func main() {
	mode := flag.String("mode", "small", "small or large")
	files := flag.Int("files", 500, "small: number of files")
	parallel := flag.Int("parallel", 4, "small: lftp --parallel and exchange --connections")
	sizeMiB := flag.Int64("size", 1024, "large: file size in MiB")
	runs := flag.Int("runs", 3, "runs of each contender (the median is printed)")
	flag.Parse()
	var err error
	switch *mode {
	case "small":
		err = small(*files, *parallel, *runs)
	case "large":
		err = large(*sizeMiB<<20, *runs)
	default:
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		os.Exit(1)
	}
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// validAL3 is a valid AL3 file of about size bytes, unique to n.
func validAL3(n int, size int64) []byte {
	b := al3gen.New(al3gen.CRLF)
	b.Header(161)
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%3000).Format("20060102")
	for i := 0; i == 0 || b.Len()+2000 < size; i++ {
		b.Policy(al3gen.Txn{Date: date, Sender: fmt.Sprintf("SENDER%06d", n)}, 1+i%3)
	}
	b.Trailer()
	return b.Bytes()
}

func buildExchange(dir string) (string, error) {
	bin := filepath.Join(dir, "exchange")
	out, err := exec.Command("go", "build", "-o", bin, "exchange/cmd/exchange").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

func small(n, parallel, runs int) error {
	tmp, err := os.MkdirTemp("", "exchange-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := buildExchange(tmp)
	if err != nil {
		return err
	}
	local := filepath.Join(tmp, "files")
	if err := os.Mkdir(local, 0o755); err != nil {
		return err
	}
	var paths []string
	var total int64
	for i := range n {
		data := validAL3(i, 4<<10)
		p := filepath.Join(local, fmt.Sprintf("download-%04d.al3", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		paths = append(paths, p)
		total += int64(len(data))
	}
	srv, err := startServer(tmp)
	if err != nil {
		return err
	}
	defer srv.stop()
	fmt.Printf("server: %s; %d valid AL3 files, %d bytes each on average; %d connections; median of %d runs\n",
		srv.Name, n, total/int64(n), parallel, runs)

	var lftpTimes, exTimes []time.Duration
	for r := range runs {
		dir := fmt.Sprintf("lftp-%d", r)
		start := time.Now()
		cmd := exec.Command("lftp", "-u", srv.User+","+srv.Password, "-p", fmt.Sprint(srv.Port), "-e",
			fmt.Sprintf("set ftp:passive-mode on; set net:max-retries 1; set ftp:ssl-allow no; mirror -R --parallel=%d %s /%s; quit", parallel, local, dir),
			srv.Host)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("lftp: %v\n%s", err, out)
		}
		lftpTimes = append(lftpTimes, time.Since(start))
		if err := checkCount(filepath.Join(srv.Root, dir), n); err != nil {
			return fmt.Errorf("lftp: %w", err)
		}

		dir = fmt.Sprintf("exchange-%d", r)
		state := filepath.Join(tmp, fmt.Sprintf("state-%d", r))
		args := append([]string{"upload", "--json", "--state", state, "--connections", fmt.Sprint(parallel),
			"--server", fmt.Sprintf("ftp://%s@%s:%d/%s", srv.User, srv.Host, srv.Port, dir)}, paths...)
		cmd = exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD="+srv.Password)
		start = time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			tail := out
			if len(tail) > 2000 {
				tail = tail[len(tail)-2000:]
			}
			return fmt.Errorf("exchange upload: %v\n%s", err, tail)
		}
		exTimes = append(exTimes, time.Since(start))
		if err := checkCount(filepath.Join(srv.Root, dir), n); err != nil {
			return fmt.Errorf("exchange: %w", err)
		}
	}
	l, e := median(lftpTimes), median(exTimes)
	fmt.Printf("lftp mirror -R --parallel=%d   %6.3f s  %7.0f files/s\n", parallel, l.Seconds(), float64(n)/l.Seconds())
	fmt.Printf("exchange upload --connections=%d %6.3f s  %7.0f files/s  (validation, journal, temp name, size check, rename)\n",
		parallel, e.Seconds(), float64(n)/e.Seconds())
	fmt.Printf("ratio lftp time / exchange time: %.2f (target >= 1.00)\n", l.Seconds()/e.Seconds())
	return nil
}

func checkCount(dir string, n int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) != n {
		return fmt.Errorf("%d files arrived in %s, want %d", len(entries), dir, n)
	}
	return nil
}

func startServer(tmp string) (*server, error) {
	root := filepath.Join(tmp, "server")
	if err := os.Mkdir(root, 0o755); err != nil {
		return nil, err
	}
	return startFtpserverlib(root)
}
