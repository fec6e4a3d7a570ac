package pipeline

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"exchange/bench/latency"
	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/transport/ftpclient"
	"exchange/uploader"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// smallFilesContender is one way of sending the small files, timed as a
// whole process: its wall time, its own CPU time and the server's.
type smallFilesContender struct {
	name    string
	command func(dir string) *exec.Cmd
	wall    []time.Duration
	client  []time.Duration
	server  []time.Duration
}

func BenchmarkSmallFiles(b *testing.B) {
	files, parallel, runs := envInt("FILES", 500), envInt("PARALLEL", 4), envInt("RUNS", 6)
	if _, err := exec.LookPath("lftp"); err != nil {
		b.Fatal("lftp is missing: bash scripts/install-deps.sh bench")
	}
	tmp := b.TempDir()
	bin := os.Getenv("EXCHANGE_BIN") // another build to compare, for example one with a change under test
	if bin == "" {
		var err error
		if bin, err = BuildExchange(tmp); err != nil {
			b.Fatal(err)
		}
	}
	local := filepath.Join(tmp, "files")
	if err := os.Mkdir(local, 0o755); err != nil {
		b.Fatal(err)
	}
	var paths []string
	var total int64
	for i := range files {
		data := ValidAL3(i, 4<<10)
		p := filepath.Join(local, fmt.Sprintf("download-%04d.al3", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
		total += int64(len(data))
	}
	srv := ftptest.Start(b, ftptest.VSFTPD, ftptest.Options{})
	host, port := srv.Host, srv.Port
	network := "loopback"
	if ms := envInt("LATENCY_MS", 0); ms > 0 {
		// Every command then costs a round trip, as it does to a server
		// elsewhere, and so does every data connection.
		proxy, err := latency.ForVsftpd(srv, time.Duration(ms)*time.Millisecond)
		if err != nil {
			b.Fatal(err)
		}
		defer proxy.Close()
		host = latency.ListenHost
		network = fmt.Sprintf("a %d ms round trip on control and data connections (bench/latency)", ms)
	}
	lftp := func(settings string) func(dir string) *exec.Cmd {
		return func(dir string) *exec.Cmd {
			script := fmt.Sprintf("set ftp:passive-mode on; set ftp:ignore-pasv-address yes; set net:max-retries 1; set ftp:ssl-allow no; %s mirror -R --parallel=%d %s /%s; quit",
				settings, parallel, local, dir)
			return exec.Command("lftp", "-u", srv.User+","+srv.Password, "-p", strconv.Itoa(port), "-e", script, host)
		}
	}
	contenders := []*smallFilesContender{
		{name: fmt.Sprintf("lftp mirror -R --parallel=%d", parallel), command: lftp("")},
		// The same safety as Exchange's temporary name: STOR .in.NAME, RNFR, RNTO.
		{name: "  the same, set xfer:use-temp-file yes", command: lftp("set xfer:use-temp-file yes;")},
		{name: fmt.Sprintf("exchange upload --connections=%d", parallel), command: func(dir string) *exec.Cmd {
			args := append([]string{"upload", "--state", filepath.Join(tmp, "state-"+dir), "--connections", strconv.Itoa(parallel),
				"--server", fmt.Sprintf("ftp://%s@%s:%d/%s", srv.User, host, port, dir)}, paths...)
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD="+srv.Password)
			return cmd
		}},
	}
	fmt.Printf("server: %s, %s; %d valid AL3 files of %d bytes on average; %d connections; median of %d runs, the order turning each run\n",
		srv.Kind, network, files, total/int64(files), parallel, runs)
	b.ResetTimer()
	for r := range runs {
		for i := range contenders {
			c := contenders[(r+i)%len(contenders)]
			dir := fmt.Sprintf("run%d-%d", r, (r+i)%len(contenders))
			wall, client, server, err := timeSmallFiles(srv, c.command(dir))
			if err != nil {
				b.Fatalf("%s: %v", c.name, err)
			}
			if n, err := CountFiles(srv.Path("/" + dir)); err != nil || n != files {
				b.Fatalf("%s: %d files arrived, want %d (%v)", c.name, n, files, err)
			}
			c.wall, c.client, c.server = append(c.wall, wall), append(c.client, client), append(c.server, server)
		}
	}
	fmt.Printf("%-42s %8s %8s %11s %11s\n", "", "wall", "files/s", "client CPU", "server CPU")
	for _, c := range contenders {
		w := Median(c.wall)
		fmt.Printf("%-42s %6.3f s %8.0f %9.3f s %9.3f s\n", c.name, w.Seconds(), float64(files)/w.Seconds(),
			Median(c.client).Seconds(), Median(c.server).Seconds())
	}
	ex := Median(contenders[2].wall).Seconds()
	fmt.Printf("ratio lftp time / exchange time: %.2f (target >= 1.00)\n", Median(contenders[0].wall).Seconds()/ex)
	fmt.Printf("ratio lftp with temporary names / exchange: %.2f\n", Median(contenders[1].wall).Seconds()/ex)
}

// timeSmallFiles runs cmd and returns its wall time, its CPU time and the CPU
// time the server spent meanwhile.
func timeSmallFiles(srv *ftptest.Server, cmd *exec.Cmd) (wall, client, server time.Duration, err error) {
	before, err := srv.CPUTime()
	if err != nil {
		return 0, 0, 0, err
	}
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%v\n%s", err, out[max(0, len(out)-2000):])
	}
	client = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	// The server's session processes are counted once it has reaped them.
	time.Sleep(300 * time.Millisecond)
	after, err := srv.CPUTime()
	return wall, client, after - before, err
}

func BenchmarkLargeFile(b *testing.B) {
	sizeMiB, runs := envInt("SIZE_MIB", 1024), envInt("RUNS", 3)
	tmp := b.TempDir()
	path := filepath.Join(tmp, "large.al3")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := al3gen.WriteLarge(w, int64(sizeMiB)<<20, al3gen.CRLF); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := st.Size()
	// The server stands for another machine: its disk is not ours. On one
	// machine its gigabyte would otherwise be flushed by every fsync of the
	// journal (ext4 commits other files' data with it), and the figures would
	// measure the disk. SERVER_DIR=same puts it back on the same disk.
	serverDir := os.Getenv("SERVER_DIR")
	if serverDir == "" {
		if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
			serverDir = "/dev/shm"
		}
	} else if serverDir == "same" {
		serverDir = ""
	}
	srv := ftptest.Start(b, ftptest.VSFTPD, ftptest.Options{Dir: serverDir})
	fmt.Printf("server files in %s; local file and journal in %s\n", cmp.Or(serverDir, os.TempDir()), tmp)
	p := profile.Profile{Name: "bench", Host: srv.Host, Port: srv.Port, User: srv.User, Connections: 1,
		Duplicates: profile.DuplicateSend}
	fmt.Printf("server: %s; one valid AL3 file of %d MiB; median of %d runs\n", srv.Kind, size>>20, runs)
	b.ResetTimer()
	var bare, bareCPU, whole, stage, check, upload, uploadCPU []time.Duration
	runBare := func(r int) {
		remote := fmt.Sprintf("/bare-%d.al3", r)
		d, cpu, err := bareStore(p, srv.Password, path, remote)
		if err != nil {
			b.Fatalf("bare Store: %v", err)
		}
		bare, bareCPU = append(bare, d), append(bareCPU, cpu)
		_ = os.Remove(srv.Path(remote))
	}
	runPipeline := func(r int) {
		p.RemoteDir = fmt.Sprintf("/pipeline-%d", r)
		t, err := pipeline(p, srv.Password, path, filepath.Join(tmp, fmt.Sprintf("state-%d", r)))
		if err != nil {
			b.Fatalf("pipeline: %v", err)
		}
		whole, stage, check = append(whole, t.whole), append(stage, t.transfer), append(check, t.check)
		upload, uploadCPU = append(upload, t.upload), append(uploadCPU, t.uploadCPU)
		_ = os.RemoveAll(srv.Path(p.RemoteDir))
	}
	// Each run starts with the disk flushed (the previous gigabyte written
	// back) and the file in the page cache, and the order alternates, so that
	// neither side pays for the other's writeback, nor reads from the disk
	// what the other read from memory (this machine drops cached pages under
	// pressure from elsewhere).
	settle := func() {
		syscall.Sync()
		if err := readAll(path); err != nil {
			b.Fatal(err)
		}
	}
	for r := range runs {
		settle()
		if r%2 == 0 {
			runBare(r)
			settle()
			runPipeline(r)
		} else {
			runPipeline(r)
			settle()
			runBare(r)
		}
	}
	mbs := func(d time.Duration) float64 { return float64(size) / 1e6 / d.Seconds() }
	for r := range runs {
		fmt.Printf("run %d: bare %.2f s, pipeline transfer stage %.2f s (STOR %.2f s); this process's CPU during the upload: bare %.2f s, pipeline %.2f s\n", r+1,
			bare[r].Seconds(), stage[r].Seconds(), upload[r].Seconds(), bareCPU[r].Seconds(), uploadCPU[r].Seconds())
	}
	bd, wh, sg, ck, up := Median(bare), Median(whole), Median(stage), Median(check), Median(upload)
	fmt.Printf("bare transfer (ftpclient Store)                    %6.2f s %6.0f MB/s\n", bd.Seconds(), mbs(bd))
	fmt.Printf("pipeline transfer stage (upload, verify, rename)   %6.2f s %6.0f MB/s  ratio %.2f (target >= 0.95)\n",
		sg.Seconds(), mbs(sg), bd.Seconds()/sg.Seconds())
	fmt.Printf("  of which the upload itself (STOR)                %6.2f s %6.0f MB/s  ratio %.2f\n", up.Seconds(), mbs(up), bd.Seconds()/up.Seconds())
	fmt.Printf("best runs: bare %.2f s, pipeline transfer stage %.2f s, ratio %.2f\n"+
		"  (on this virtual machine the same transfer takes ~0.5 s or 1.4-2.5 s from run to run, on either side: perf puts the\n"+
		"  slow runs in the server's copying into its tmpfs pages; the machine hands free memory back to its host, and dd writes\n"+
		"  1 GiB to tmpfs in 0.34 s right after a delete, 1.3 s five seconds later. The CPU line below does not swing.)\n", slices.Min(bare).Seconds(), slices.Min(stage).Seconds(),
		slices.Min(bare).Seconds()/slices.Min(stage).Seconds())
	bc, uc := Median(bareCPU), Median(uploadCPU)
	fmt.Printf("client CPU during the upload: bare %.2f s, pipeline %.2f s, ratio %.2f\n"+
		"  (the client's own cost, which the server's and the machine's swings leave alone)\n", bc.Seconds(), uc.Seconds(), bc.Seconds()/uc.Seconds())
	fmt.Printf("pipeline check stage (validate + sha256, parallel) %6.2f s %6.0f MB/s\n", ck.Seconds(), mbs(ck))
	fmt.Printf("pipeline whole (add to done)                       %6.2f s %6.0f MB/s  ratio %.2f\n",
		wh.Seconds(), mbs(wh), bd.Seconds()/wh.Seconds())
}

// readAll reads a file through, which leaves it in the page cache.
func readAll(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func bareStore(p profile.Profile, password, path, remote string) (wall, cpu time.Duration, err error) {
	cfg, err := p.ClientConfig(password)
	if err != nil {
		return 0, 0, err
	}
	sess, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		return 0, 0, err
	}
	defer sess.Quit()
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	start, startCPU := time.Now(), processCPU()
	if err := sess.Store(remote, f, 0); err != nil {
		return 0, 0, err
	}
	return time.Since(start), processCPU() - startCPU, nil
}

// processCPU is the CPU time this process has used (user and system).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type stageTimes struct{ whole, check, transfer, upload, uploadCPU time.Duration }

// pipeline sends the file through the service and times its stages from its events.
func pipeline(p profile.Profile, password, path, state string) (stageTimes, error) {
	var t stageTimes
	j, err := uploader.OpenJournal(state)
	if err != nil {
		return t, err
	}
	defer j.Close()
	svc, err := uploader.New(uploader.Options{Journal: j,
		Validate: func(_ context.Context, r io.ReaderAt, path string, size int64, _ profile.Profile) (*validate.Report, error) {
			return validate.Reader(r, path, size, validate.Options{})
		}})
	if err != nil {
		return t, err
	}
	var waiting, uploading, verifying, done time.Time
	var uploadingCPU time.Duration
	var failure string
	events := make(chan uploader.Event, 1024)
	unsubscribe := svc.Subscribe(func(e uploader.Event) { events <- e })
	svc.SetProfile(p, password)
	start := time.Now()
	if _, err := svc.Add(path); err != nil {
		return t, err
	}
	svc.Start()
	for e := range events {
		switch e.Kind {
		case uploader.EventWaiting:
			waiting = e.Time
		case uploader.EventUploading:
			if uploading.IsZero() {
				uploading = e.Time // connected: the bare transfer's clock starts there too
				uploadingCPU = processCPU()
			}
		case uploader.EventVerifying:
			verifying = e.Time
			t.uploadCPU = processCPU() - uploadingCPU
		case uploader.EventDone:
			done = e.Time
		case uploader.EventFailed, uploader.EventInvalid:
			failure = fmt.Sprintf("%s: %s %s", e.Kind, e.Err, e.Note)
		}
		if e.Kind == uploader.EventBatchDone {
			break
		}
	}
	_ = svc.Close()
	unsubscribe()
	if failure != "" {
		return t, fmt.Errorf("%s", failure)
	}
	t.whole, t.check, t.transfer, t.upload = done.Sub(start), waiting.Sub(start), done.Sub(uploading), verifying.Sub(uploading)
	return t, nil
}
