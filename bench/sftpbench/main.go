// Command sftpbench measures Exchange's SFTP session against OpenSSH's own
// clients in one run, on the same loopback sshd from internal/sshtest: a file
// (1 GiB by default) uploaded by Exchange (255 KiB and 32 KiB write packets),
// by `sftp -b` and by `scp`; then 500 small files over one connection, by
// Exchange as the service sends them (temporary name, size check, rename)
// and as plain puts, against one `sftp -b` batch of 500 puts. Each figure is
// the median of -runs rounds, the contenders taking turns in each round;
// every upload is checked by its size on disk.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"exchange/bench/benchkit"
	"exchange/internal/sshtest"
	"exchange/transport/sftpclient"
)

func main() {
	sizeMiB := flag.Int("size", 1024, "size of the large file in MiB")
	small := flag.Int("files", 500, "number of small files")
	smallKiB := flag.Int("small-kib", 4, "size of each small file in KiB")
	runs := flag.Int("runs", 3, "runs per measurement (the median is kept)")
	flag.Parse()
	benchkit.Exit("sftpbench", run(int64(*sizeMiB)<<20, *small, *smallKiB<<10, *runs))
}

type bench struct {
	srv     *sshtest.Server
	dir     string // local work folder
	keyFile string
	sshOpts []string
}

func run(size int64, files, fileSize, runs int) error {
	srv, err := sshtest.Launch(sshtest.Options{})
	if err != nil {
		return err
	}
	defer srv.Close()
	dir, err := os.MkdirTemp("", "sftpbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b := &bench{srv: srv, dir: dir, keyFile: filepath.Join(dir, "id_ed25519")}
	if err := os.WriteFile(b.keyFile, srv.ClientKey.PrivatePEM, 0o600); err != nil {
		return err
	}
	known := filepath.Join(dir, "known_hosts")
	line := fmt.Sprintf("[%s]:%d %s", srv.Host, srv.Port, srv.HostKey.AuthorizedKey)
	if err := os.WriteFile(known, []byte(line), 0o600); err != nil {
		return err
	}
	b.sshOpts = []string{"-P", strconv.Itoa(srv.Port), "-i", b.keyFile, "-o", "BatchMode=yes",
		"-o", "UserKnownHostsFile=" + known, "-o", "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes"}
	fmt.Printf("OpenSSH sshd on loopback, median of %d rounds (contenders take turns), MB/s = 10^6 bytes per second\n\n", runs)

	large := filepath.Join(dir, "large.bin")
	if err := benchkit.WriteRandom(large, size); err != nil {
		return err
	}
	fmt.Printf("%d MiB file:\n", size>>20)
	rates, err := takeTurns(runs, []contender{
		{"Exchange sftpclient (255 KiB packets)", func() error { return b.exchangePut(large, "large.bin", 0) }, false},
		{"Exchange sftpclient (32 KiB packets)", func() error { return b.exchangePut(large, "large.bin", 32<<10) }, false},
		{"OpenSSH sftp -b", func() error { return b.sftpBatch("put " + large + " large.bin\n") }, true},
		{"OpenSSH scp", func() error { return b.scp(large, "large.bin") }, true},
	}, func(secs float64) float64 { return float64(size) / 1e6 / secs }, func() error { return b.checkSize("large.bin", size) }, "%7.0f MB/s")
	if err != nil {
		return err
	}
	fmt.Printf("  ratio Exchange / sftp -b: %.2fx, / scp: %.2fx\n\n",
		rates["Exchange sftpclient (255 KiB packets)"]/rates["OpenSSH sftp -b"],
		rates["Exchange sftpclient (255 KiB packets)"]/rates["OpenSSH scp"])
	_ = os.Remove(large)
	return b.smallFiles(files, fileSize, runs)
}

func (b *bench) smallFiles(files, fileSize, runs int) error {
	local := filepath.Join(b.dir, "small")
	if err := os.Mkdir(local, 0o755); err != nil {
		return err
	}
	var names []string
	var batch strings.Builder
	for i := range files {
		name := fmt.Sprintf("f%04d.al3", i)
		if err := benchkit.WriteRandom(filepath.Join(local, name), int64(fileSize)); err != nil {
			return err
		}
		names = append(names, name)
		fmt.Fprintf(&batch, "put %s %s\n", filepath.Join(local, name), name)
	}
	fmt.Printf("%d files of %d KiB, one connection (seconds, connection included):\n", files, fileSize>>10)
	times, err := takeTurns(runs, []contender{
		{"Exchange: temporary name, stat, rename", func() error { return b.exchangeMany(local, names, true) }, false},
		{"Exchange: plain puts", func() error { return b.exchangeMany(local, names, false) }, false},
		{fmt.Sprintf("OpenSSH sftp -b (%d puts)", files), func() error { return b.sftpBatch(batch.String()) }, true},
	}, func(secs float64) float64 { return secs }, func() error { return b.checkSize(names[len(names)-1], int64(fileSize)) }, "%7.3f s")
	if err != nil {
		return err
	}
	fmt.Printf("  ratio sftp -b time / Exchange time: %.2fx (safe upload), %.2fx (plain puts)\n",
		times[fmt.Sprintf("OpenSSH sftp -b (%d puts)", files)]/times["Exchange: temporary name, stat, rename"],
		times[fmt.Sprintf("OpenSSH sftp -b (%d puts)", files)]/times["Exchange: plain puts"])
	return nil
}

func (b *bench) dial(packet int) (*sftpclient.Session, error) {
	return sftpclient.Connect(context.Background(), sftpclient.Config{Host: b.srv.Host, Port: b.srv.Port, User: b.srv.User,
		KeyFile: b.keyFile, HostKey: b.srv.HostKey.Fingerprint, NoAgent: true, MaxPacket: packet})
}

func (b *bench) exchangePut(local, remote string, packet int) error {
	s, err := b.dial(packet)
	if err != nil {
		return err
	}
	defer s.Quit()
	return benchkit.StoreFile(s, local, remote)
}

func (b *bench) exchangeMany(dir string, names []string, safe bool) error {
	s, err := b.dial(0)
	if err != nil {
		return err
	}
	defer s.Quit()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		target := name
		if safe {
			target = "." + name + ".exchange-part"
		}
		if err := s.Store(target, bytes.NewReader(data), 0); err != nil {
			return err
		}
		if !safe {
			continue
		}
		if size, err := s.Size(target); err != nil || size != int64(len(data)) {
			return fmt.Errorf("%s: size %d, %v", target, size, err)
		}
		if err := s.Rename(target, name); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) sftpBatch(commands string) error {
	args := append(append([]string{}, b.sshOpts...), "-b", "-", b.srv.User+"@"+b.srv.Host)
	cmd := exec.Command("sftp", args...)
	cmd.Stdin = strings.NewReader(commands)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("sftp -b: %v: %s", err, tail(out))
	}
	lastChildCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime() // ssh, its child, included
	return nil
}

func (b *bench) scp(local, remote string) error {
	args := append(append([]string{"-q"}, b.sshOpts...), local, b.srv.User+"@"+b.srv.Host+":"+remote)
	cmd := exec.Command("scp", args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("scp: %v: %s", err, tail(out))
	}
	lastChildCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return nil
}

func (b *bench) checkSize(name string, want int64) error {
	st, err := os.Stat(filepath.Join(b.srv.Dir, name))
	if err != nil {
		return err
	}
	if st.Size() != want {
		return fmt.Errorf("%s has %d bytes on the server, want %d", name, st.Size(), want)
	}
	return nil
}

type contender struct {
	label    string
	upload   func() error
	external bool // an OpenSSH client process: its CPU is in lastChildCPU
}

// lastChildCPU is the CPU time (user + system) of the last OpenSSH client
// run, its ssh child included (wait4 counts the children it waited for).
var lastChildCPU time.Duration

// selfCPU is this process's CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// takeTurns runs every contender once per round, rounds in a row (so that
// a busy moment of the machine falls on all of them alike), checks each
// upload, and prints and returns the median of figure(seconds) of each.
func takeTurns(rounds int, cs []contender, figure func(secs float64) float64, check func() error, format string) (map[string]float64, error) {
	all := map[string][]float64{}
	cpu := map[string][]float64{}
	for range rounds {
		for _, c := range cs {
			start, cpuStart := time.Now(), selfCPU()
			if err := c.upload(); err != nil {
				return nil, fmt.Errorf("%s: %w", c.label, err)
			}
			secs := time.Since(start).Seconds()
			used := selfCPU() - cpuStart
			if c.external {
				used = lastChildCPU
			}
			cpu[c.label] = append(cpu[c.label], used.Seconds())
			if err := check(); err != nil {
				return nil, fmt.Errorf("%s: %w", c.label, err)
			}
			all[c.label] = append(all[c.label], figure(secs))
		}
	}
	out := map[string]float64{}
	for _, c := range cs {
		out[c.label] = benchkit.Median(all[c.label])
		fmt.Printf("  %-40s "+format+"   client CPU %6.2f s\n", c.label, out[c.label], benchkit.Median(cpu[c.label]))
	}
	return out, nil
}

func tail(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 400 {
		s = s[len(s)-400:]
	}
	return s
}
