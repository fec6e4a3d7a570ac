package pipeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/validate/al3/al3gen"
)

// BenchmarkLargeFileVsCurl sends one valid AL3 file of SIZE_MIB (1024) MiB
// with `exchange upload` (a process of its own: start, journal, validation
// and sha256, temporary name, size check, rename, history) and with
// `curl -T`, to the test harness's vsftpd, the two taking turns, RUNS (3)
// times each; once with the server's folder on the disk and once in
// /dev/shm (SERVER_DIRS=disk,shm). It prints the medians, the ratio
// curl time / exchange time (target >= 0.8) and the service's check stage
// alone (validation and sha256 from one read, target >= 1 GB/s), timed from
// its events in this process.
func BenchmarkLargeFileVsCurl(b *testing.B) {
	sizeMiB, runs := envInt("SIZE_MIB", 1024), envInt("RUNS", 3)
	if _, err := exec.LookPath("curl"); err != nil {
		b.Fatal("curl is missing: bash scripts/install-deps.sh bench")
	}
	tmp := b.TempDir()
	bin := os.Getenv("EXCHANGE_BIN")
	if bin == "" {
		var err error
		if bin, err = BuildExchange(tmp); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(tmp, "large.al3")
	if err := writeLargeAL3(path, int64(sizeMiB)<<20); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := st.Size()
	mbs := func(d time.Duration) float64 { return float64(size) / 1e6 / d.Seconds() }
	dirs := strings.Split(os.Getenv("SERVER_DIRS"), ",")
	if dirs[0] == "" {
		dirs = []string{"disk", "shm"}
	}
	fmt.Printf("one valid AL3 file of %d MiB in %s; %s; median of %d runs taking turns\n", size>>20, tmp, bin, runs)
	b.ResetTimer()
	for _, where := range dirs {
		serverDir := os.TempDir()
		if where == "shm" {
			serverDir = "/dev/shm"
		}
		srv := ftptest.Start(b, ftptest.VSFTPD, ftptest.Options{Dir: serverDir})
		base := fmt.Sprintf("ftp://%s:%d", srv.Host, srv.Port)
		var curl, exchange, check, curlCPU, exchangeCPU []time.Duration
		runCurl := func(r int) {
			dir := fmt.Sprintf("curl-%d", r)
			cmd := exec.Command("curl", "-sS", "--ftp-create-dirs", "-u", srv.User+":"+srv.Password, "-T", path, base+"/"+dir+"/large.al3")
			curl = append(curl, timeCommand(b, cmd, srv, dir, size))
			curlCPU = append(curlCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		}
		runExchange := func(r int) {
			dir := fmt.Sprintf("exchange-%d", r)
			cmd := exec.Command(bin, "upload", "--json", "--state", filepath.Join(tmp, fmt.Sprintf("state-%s-%d", where, r)),
				"--server", fmt.Sprintf("ftp://%s@%s:%d/%s", srv.User, srv.Host, srv.Port, dir), path)
			cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD="+srv.Password)
			start := time.Now()
			d := timeCommand(b, cmd, srv, dir, size)
			exchange = append(exchange, d)
			exchangeCPU = append(exchangeCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
			fmt.Printf("    exchange upload's stages: %s, exit %.2f s\n", stages(cmd, start), d.Seconds())
		}
		for r := range runs {
			settle(b, path)
			if r%2 == 0 {
				runCurl(r)
				settle(b, path)
				runExchange(r)
			} else {
				runExchange(r)
				settle(b, path)
				runCurl(r)
			}
			// The check stage alone, in this process, from the service's events.
			settle(b, path)
			p := profile.Profile{Name: "bench", Host: srv.Host, Port: srv.Port, User: srv.User, Connections: 1,
				Duplicates: profile.DuplicateSend, RemoteDir: fmt.Sprintf("/check-%d", r)}
			t, err := pipeline(p, srv.Password, path, filepath.Join(tmp, fmt.Sprintf("check-%s-%d", where, r)))
			if err != nil {
				b.Fatal(err)
			}
			check = append(check, t.check)
			_ = os.RemoveAll(srv.Path(p.RemoteDir))
			fmt.Printf("  %s run %d: curl %.2f s, exchange upload %.2f s, check stage %.2f s\n", where, r+1,
				curl[r].Seconds(), exchange[r].Seconds(), t.check.Seconds())
		}
		c, e, k := Median(curl), Median(exchange), Median(check)
		fmt.Printf("server folder on %s (%s):\n", where, serverDir)
		fmt.Printf("  curl -T                 %6.2f s %6.0f MB/s\n", c.Seconds(), mbs(c))
		fmt.Printf("  exchange upload         %6.2f s %6.0f MB/s  ratio curl/exchange %.2f (target >= 0.8)\n", e.Seconds(), mbs(e), c.Seconds()/e.Seconds())
		cc, ec := Median(curlCPU), Median(exchangeCPU)
		fmt.Printf("  CPU time (user+system)  curl %.2f s, exchange upload %.2f s, ratio %.2f  (what the load does not swing)\n",
			cc.Seconds(), ec.Seconds(), cc.Seconds()/ec.Seconds())
		fmt.Printf("  check stage alone       %6.2f s %6.0f MB/s  (validation + sha256 from one read; target >= 1000 MB/s)\n", k.Seconds(), mbs(k))
	}
}

// writeLargeAL3 writes a valid AL3 file of about size bytes.
func writeLargeAL3(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := al3gen.WriteLarge(w, size, al3gen.CRLF); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// settle flushes the disk (neither side pays for the other's writeback) and
// puts the file in the page cache.
func settle(b *testing.B, path string) {
	syscall.Sync()
	if err := readAll(path); err != nil {
		b.Fatal(err)
	}
}

// timeCommand runs cmd, checks that the file arrived whole in the server's
// dir, removes it and returns the wall time.
func timeCommand(b *testing.B, cmd *exec.Cmd, srv *ftptest.Server, dir string, size int64) time.Duration {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s", cmd.Args[0], err, out.Bytes())
	}
	st, err := os.Stat(srv.Path("/" + dir + "/large.al3"))
	if err != nil || st.Size() != size {
		b.Fatalf("%s: the file did not arrive whole (%v)\n%s", cmd.Args[0], err, out.Bytes())
	}
	_ = os.RemoveAll(srv.Path("/" + dir))
	return d
}

// stages reads the events `exchange upload --json` printed and says when
// each stage of the file began, from the command's start.
func stages(cmd *exec.Cmd, start time.Time) string {
	out := cmd.Stdout.(*bytes.Buffer)
	seen := map[string]bool{}
	var parts []string
	for _, line := range strings.Split(out.String(), "\n") {
		var e struct {
			Kind string    `json:"event"`
			Time time.Time `json:"time"`
		}
		if json.Unmarshal([]byte(line), &e) != nil || e.Kind == "" || seen[e.Kind] {
			continue
		}
		seen[e.Kind] = true
		parts = append(parts, fmt.Sprintf("%s %.2f", e.Kind, e.Time.Sub(start).Seconds()))
	}
	return strings.Join(parts, ", ")
}
