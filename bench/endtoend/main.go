// Command endtoend is bench/end-to-end.sh (issue 21, "one large file, end to
// end"): `exchange upload` of one valid AL3 file of 1 GB (validation,
// temporary name, verification, rename, journal: everything) to vsftpd on
// loopback against `curl -T` of the same file in the same run, with the
// server's folder on disk and on tmpfs; the order alternates from run to run,
// and before each upload the disk is synced and the file read into the page
// cache, so that neither side pays for the other's writeback. It prints the
// median seconds and MB/s, the ratio curl seconds / exchange seconds (target
// >= 0.80), Exchange's stages from its events (check: validating -> waiting;
// connect; upload; verification, rename and journal),
// and `exchange validate` of the file alone in GB/s (target >= 1 GB/s).
//
// Environment: SIZE_MIB (1024), RUNS (3),
// SERVER_DIRS (disk,tmpfs), EXCHANGE_BIN (another build to measure).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"exchange/bench/benchkit"
	"exchange/bench/pipeline"
	"exchange/internal/ftptest"
	"exchange/validate/al3/al3gen"
)

func main() {
	benchkit.Exit("endtoend", run())
}

func run() error {
	sizeMiB, runs := envInt("SIZE_MIB", 1024), envInt("RUNS", 3)
	tmp, err := os.MkdirTemp("", "endtoend-")
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
	path := filepath.Join(tmp, "large.al3")
	if err := writeLarge(path, int64(sizeMiB)<<20); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	size := st.Size()
	fmt.Printf("one valid AL3 file of %d MiB in %s (on disk); vsftpd on loopback, plain FTP; median of %d runs, the order alternating\n",
		size>>20, tmp, runs)
	var validations []time.Duration
	for range runs {
		settle(path)
		start := time.Now()
		if out, err := exec.Command(bin, "validate", path).CombinedOutput(); err != nil {
			return fmt.Errorf("exchange validate: %v\n%s", err, out)
		}
		validations = append(validations, time.Since(start))
	}
	v := pipeline.Median(validations)
	fmt.Printf("exchange validate alone (a process, file in the page cache): %.2f s, %.2f GB/s (target for the check >= 1 GB/s)\n",
		v.Seconds(), float64(size)/1e9/v.Seconds())
	for _, where := range strings.Split(envOr("SERVER_DIRS", "disk,tmpfs"), ",") {
		dir := ""
		switch strings.TrimSpace(where) {
		case "disk":
		case "tmpfs":
			dir = "/dev/shm"
		default:
			return fmt.Errorf("SERVER_DIRS: %q is neither disk nor tmpfs", where)
		}
		if err := measure(bin, path, size, dir, runs, tmp); err != nil {
			return fmt.Errorf("server folder on %s: %w", where, err)
		}
	}
	return nil
}

func measure(bin, path string, size int64, serverDir string, runs int, tmp string) error {
	srv, err := ftptest.Launch(ftptest.VSFTPD, ftptest.Options{Dir: serverDir})
	if err != nil {
		return err
	}
	defer srv.Stop()
	var ex, curl []time.Duration
	var parts []stages
	exchange := func(r int) error {
		dir := fmt.Sprintf("exchange-%d", r)
		cmd := exec.Command(bin, "upload", "--json", "--connections", "1", "--state", filepath.Join(tmp, fmt.Sprintf("state-%d-%s", srv.Port, dir)),
			"--server", fmt.Sprintf("ftp://%s@%s:%d/%s", srv.User, srv.Host, srv.Port, dir), path)
		cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD="+srv.Password)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		wall := time.Since(start)
		if err != nil {
			return fmt.Errorf("exchange upload: %v\n%s", err, lastLines(out, 5))
		}
		st, err := stageTimes(out)
		if err != nil {
			return err
		}
		ex, parts = append(ex, wall), append(parts, st)
		return arrived(srv.Path("/"+dir+"/large.al3"), size)
	}
	curlT := func(r int) error {
		dir := fmt.Sprintf("curl-%d", r)
		cmd := exec.Command("curl", "-sS", "--fail", "--ftp-create-dirs", "-u", srv.User+":"+srv.Password, "-T", path,
			fmt.Sprintf("ftp://%s:%d/%s/", srv.Host, srv.Port, dir))
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("curl -T: %v\n%s", err, out)
		}
		curl = append(curl, time.Since(start))
		return arrived(srv.Path("/"+dir+"/large.al3"), size)
	}
	for r := range runs {
		first, second := exchange, curlT
		if r%2 == 1 {
			first, second = curlT, exchange
		}
		for _, f := range []func(int) error{first, second} {
			settle(path)
			if err := f(r); err != nil {
				return err
			}
			_ = os.RemoveAll(srv.Path(fmt.Sprintf("/exchange-%d", r)))
			_ = os.RemoveAll(srv.Path(fmt.Sprintf("/curl-%d", r)))
		}
	}
	where := filepath.Dir(srv.Dir)
	mbs := func(d time.Duration) float64 { return float64(size) / 1e6 / d.Seconds() }
	e, c := pipeline.Median(ex), pipeline.Median(curl)
	stage := func(pick func(stages) time.Duration) time.Duration {
		var ds []time.Duration
		for _, p := range parts {
			ds = append(ds, pick(p))
		}
		return pipeline.Median(ds)
	}
	k := stage(func(s stages) time.Duration { return s.check })
	fmt.Printf("\n== server folder in %s\n", where)
	fmt.Printf("exchange upload (validation, temporary name, verification, rename) %6.2f s %6.0f MB/s\n", e.Seconds(), mbs(e))
	fmt.Printf("curl -T                                                            %6.2f s %6.0f MB/s\n", c.Seconds(), mbs(c))
	fmt.Printf("ratio curl seconds / exchange seconds: %.2f (target >= 0.80)\n", c.Seconds()/e.Seconds())
	fmt.Printf("exchange's check stage before the transfer (events validating -> waiting): %.2f s, %.2f GB/s\n", k.Seconds(), float64(size)/1e9/k.Seconds())
	fmt.Printf("  then: connect and log in %.2f s, upload (STOR) %.2f s (%.0f MB/s), verification, rename and journal %.2f s\n",
		stage(func(s stages) time.Duration { return s.connect }).Seconds(), stage(func(s stages) time.Duration { return s.upload }).Seconds(),
		mbs(stage(func(s stages) time.Duration { return s.upload })), stage(func(s stages) time.Duration { return s.finish }).Seconds())
	for r := range ex {
		fmt.Printf("  run %d: exchange %.2f s (check %.2f, upload %.2f, finish %.2f), curl %.2f s\n", r+1, ex[r].Seconds(),
			parts[r].check.Seconds(), parts[r].upload.Seconds(), parts[r].finish.Seconds(), curl[r].Seconds())
	}
	return nil
}

// stages are the times between the events of `exchange upload --json`:
// the check (validating -> waiting), the connection and login (waiting ->
// uploading), the upload itself (uploading -> verifying), and the
// verification, rename and journal (verifying -> done).
type stages struct{ check, connect, upload, finish time.Duration }

// stageTimes reads the first event of each kind in exchange's JSON output.
func stageTimes(out []byte) (stages, error) {
	first := map[string]time.Time{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		var ev struct {
			Event string    `json:"event"`
			Time  time.Time `json:"time"`
		}
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		if _, seen := first[ev.Event]; !seen {
			first[ev.Event] = ev.Time
		}
	}
	for _, kind := range []string{"validating", "waiting", "uploading", "verifying", "done"} {
		if first[kind].IsZero() {
			return stages{}, fmt.Errorf("no %q event in exchange's output:\n%s", kind, lastLines(out, 5))
		}
	}
	return stages{check: first["waiting"].Sub(first["validating"]), connect: first["uploading"].Sub(first["waiting"]),
		upload: first["verifying"].Sub(first["uploading"]), finish: first["done"].Sub(first["verifying"])}, nil
}

func arrived(remote string, size int64) error {
	st, err := os.Stat(remote)
	if err != nil {
		return fmt.Errorf("the uploaded file: %w", err)
	}
	if st.Size() != size {
		return fmt.Errorf("%s has %d bytes, want %d", remote, st.Size(), size)
	}
	return nil
}

// settle flushes the disk and reads the file into the page cache.
func settle(path string) {
	syscall.Sync()
	if f, err := os.Open(path); err == nil {
		_, _ = io.Copy(io.Discard, f)
		f.Close()
	}
}

func writeLarge(path string, size int64) error {
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

func lastLines(out []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
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
