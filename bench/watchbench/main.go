// Command watchbench measures `exchange watch` on vsftpd from the test
// harness over loopback: the latency from "file complete" (renamed into
// place) to "on the server under its final name", against the settle time;
// a 200 MB file copied in with cp (arrives once, whole); then the CPU and memory of an idle watch on a folder of 10,000 files
// already handled (after-policy keep), over a minute (two sweeps).
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"exchange/bench/benchkit"
	"exchange/internal/ftptest"
	"exchange/validate/al3/al3gen"
)

func main() {
	files := flag.Int("files", 10000, "files in the idle folder")
	samples := flag.Int("samples", 10, "files for the latency")
	settle := flag.Duration("settle", 3*time.Second, "settle time")
	idle := flag.Duration("idle", time.Minute, "how long the idle watch is measured")
	flag.Parse()
	benchkit.Exit("watchbench", run(*files, *samples, *settle, *idle))
}

func run(files, samples int, settle, idle time.Duration) error {
	work, err := os.MkdirTemp("", "watchbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "exchange")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/exchange").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	srv, err := ftptest.Launch(ftptest.VSFTPD, ftptest.Options{})
	if err != nil {
		return err
	}
	defer srv.Stop()
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)

	// Latency.
	dir := filepath.Join(work, "latency")
	os.MkdirAll(dir, 0o755)
	cmd, err := startWatch(bin, work, server, srv.Password, dir, "--settle", settle.String())
	if err != nil {
		return err
	}
	time.Sleep(time.Second)
	var lat []time.Duration
	for i := range samples {
		name := fmt.Sprintf("LAT%03d.AL3", i)
		data := unique(i)
		tmp := filepath.Join(dir, name+".part")
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return err
		}
		complete := time.Now()
		if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
			return err
		}
		target := filepath.Join(srv.Dir, name)
		for {
			if b, err := os.ReadFile(target); err == nil && bytes.Equal(b, data) {
				break
			}
			if time.Since(complete) > settle+time.Minute {
				return fmt.Errorf("%s never arrived", name)
			}
			time.Sleep(2 * time.Millisecond)
		}
		lat = append(lat, time.Since(complete))
	}
	if err := copyLarge(work, dir, srv.Dir); err != nil {
		return err
	}
	stop(cmd)
	slices.Sort(lat)
	fmt.Printf("latency complete -> on the server (settle %s, %d files): median %s (settle + %s), max %s (settle + %s)\n",
		settle, samples, lat[len(lat)/2].Round(time.Millisecond), (lat[len(lat)/2] - settle).Round(time.Millisecond),
		lat[len(lat)-1].Round(time.Millisecond), (lat[len(lat)-1] - settle).Round(time.Millisecond))

	// Idle watch on a folder of handled files.
	big := filepath.Join(work, "idle")
	os.MkdirAll(big, 0o755)
	for i := range files {
		if err := os.WriteFile(filepath.Join(big, fmt.Sprintf("F%05d.AL3", i)), unique(1000+i), 0o644); err != nil {
			return err
		}
	}
	start := time.Now()
	handled.Store(0)
	cmd, err = startWatch(bin, work, server, srv.Password, big, "--after", "keep", "--settle", "1s", "--connections", "4", "--json")
	if err != nil {
		return err
	}
	for handled.Load() < int64(files) {
		if time.Since(start) > 30*time.Minute {
			return fmt.Errorf("only %d files handled after 30 minutes", handled.Load())
		}
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Printf("%d files sent and handled by one watch in %s\n", files, time.Since(start).Round(time.Second))
	time.Sleep(2 * time.Second) // the last journal writes
	cpu0, t0 := cpuTime(cmd.Process.Pid), time.Now()
	time.Sleep(idle)
	cpu1, t1 := cpuTime(cmd.Process.Pid), time.Now()
	rss := status(cmd.Process.Pid, "VmRSS")
	hwm := status(cmd.Process.Pid, "VmHWM")
	stop(cmd)
	fmt.Printf("idle watch on %d handled files over %s: CPU %.2f%% of a core; memory RSS %s (peak %s)\n",
		files, idle, 100*float64(cpu1-cpu0)/float64(t1.Sub(t0)), rss, hwm)
	return nil
}

// copyLarge copies a 200 MB AL3 file into the watched folder with cp, as a
// clerk's copy would land, and checks that it arrives once, whole, and that
// nothing failed on the way (a file taken before cp finished would be
// invalid, cut short).
func copyLarge(work, dir, serverDir string) error {
	src := filepath.Join(work, "LARGE.AL3")
	f, err := os.Create(src)
	if err != nil {
		return err
	}
	size, err := al3gen.WriteLarge(f, 200<<20, al3gen.CRLF)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	start := time.Now()
	if out, err := exec.Command("cp", src, dir).CombinedOutput(); err != nil {
		return fmt.Errorf("cp: %v %s", err, out)
	}
	copied := time.Now()
	for {
		info, err := os.Stat(filepath.Join(serverDir, "LARGE.AL3"))
		if err == nil && info.Size() == size {
			break
		}
		if _, err := os.Stat(filepath.Join(dir, "Failed")); err == nil {
			return fmt.Errorf("the 200 MB file failed (taken before cp finished?)")
		}
		if time.Since(start) > 5*time.Minute {
			return fmt.Errorf("the 200 MB file did not arrive")
		}
		time.Sleep(20 * time.Millisecond)
	}
	sent := time.Now()
	a, b := fileHash(src), fileHash(filepath.Join(serverDir, "LARGE.AL3"))
	entries, _ := os.ReadDir(serverDir)
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "LARGE") {
			n++
		}
	}
	fmt.Printf("cp of a %d MB file: cp took %s, on the server %s after cp ended; identical %v, copies on the server %d\n",
		size>>20, copied.Sub(start).Round(time.Millisecond), sent.Sub(copied).Round(time.Millisecond), a == b && a != "", n)
	return nil
}

func fileHash(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

func startWatch(bin, work, server, password, dir string, extra ...string) (*exec.Cmd, error) {
	args := append([]string{"watch", "--state", filepath.Join(work, "state"), "--server", server}, extra...)
	cmd := exec.Command(bin, append(args, dir)...)
	cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD="+password)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	go func() {
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			if strings.Contains(lines.Text(), `"event":"sent"`) {
				handled.Add(1)
			}
		}
	}()
	return cmd, cmd.Start()
}

// handled counts the files the running watch reported sent.
var handled atomic.Int64

func stop(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
}

func unique(n int) []byte {
	b := al3gen.New(al3gen.CRLF)
	b.Header(161)
	b.Policy(al3gen.Txn{Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%3000).Format("20060102"),
		Sender: fmt.Sprintf("SENDER%06d", n)}, 1+n%3)
	b.Trailer()
	return b.Bytes()
}

// cpuTime is the process's user + system time, from /proc.
func cpuTime(pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+2:]))
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

func status(pid int, key string) string {
	raw, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, key+":") {
			return strings.TrimSpace(strings.TrimPrefix(line, key+":"))
		}
	}
	return "?"
}
