// Command sftpbench measures Exchange's SFTP session against OpenSSH's own
// clients in one run, on the same loopback sshd from internal/sshtest: a file
// (1 GiB by default) uploaded by Exchange (255 KiB and 32 KiB write packets),
// by `sftp -b` and by `scp`; then 500 small files over one connection, by
// Exchange as the service sends them (temporary name, size check, rename)
// and as plain puts, against one `sftp -b` batch of 500 puts. Each figure is
// the median of -runs runs; every upload is checked by its size on disk.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"exchange/internal/sshtest"
	"exchange/transport/sftpclient"
)

func main() {
	sizeMiB := flag.Int("size", 1024, "size of the large file in MiB")
	small := flag.Int("files", 500, "number of small files")
	smallKiB := flag.Int("small-kib", 4, "size of each small file in KiB")
	runs := flag.Int("runs", 3, "runs per measurement (the median is kept)")
	flag.Parse()
	if err := run(int64(*sizeMiB)<<20, *small, *smallKiB<<10, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "sftpbench:", err)
		os.Exit(1)
	}
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
	fmt.Printf("OpenSSH sshd on loopback, median of %d runs, MB/s (10^6 bytes per second)\n\n", runs)

	large := filepath.Join(dir, "large.bin")
	if err := writeRandom(large, size); err != nil {
		return err
	}
	fmt.Printf("%d MiB file:\n", size>>20)
	rates := map[string]float64{}
	for _, c := range []struct {
		label  string
		upload func() error
	}{
		{"Exchange sftpclient (255 KiB packets)", func() error { return b.exchangePut(large, "large.bin", 0) }},
		{"Exchange sftpclient (32 KiB packets)", func() error { return b.exchangePut(large, "large.bin", 32<<10) }},
		{"OpenSSH sftp -b", func() error { return b.sftpBatch("put " + large + " large.bin\n") }},
		{"OpenSSH scp", func() error { return b.scp(large, "large.bin") }},
	} {
		rate, err := median(runs, func() (float64, error) {
			start := time.Now()
			if err := c.upload(); err != nil {
				return 0, err
			}
			secs := time.Since(start).Seconds()
			return float64(size) / 1e6 / secs, b.checkSize("large.bin", size)
		})
		if err != nil {
			return fmt.Errorf("%s: %w", c.label, err)
		}
		rates[c.label] = rate
		fmt.Printf("  %-40s %7.0f MB/s\n", c.label, rate)
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
		if err := writeRandom(filepath.Join(local, name), int64(fileSize)); err != nil {
			return err
		}
		names = append(names, name)
		fmt.Fprintf(&batch, "put %s %s\n", filepath.Join(local, name), name)
	}
	fmt.Printf("%d files of %d KiB, one connection (seconds, connection included):\n", files, fileSize>>10)
	times := map[string]float64{}
	for _, c := range []struct {
		label  string
		upload func() error
	}{
		{"Exchange: temporary name, stat, rename", func() error { return b.exchangeMany(local, names, true) }},
		{"Exchange: plain puts", func() error { return b.exchangeMany(local, names, false) }},
		{"OpenSSH sftp -b (500 puts)", func() error { return b.sftpBatch(batch.String()) }},
	} {
		secs, err := median(runs, func() (float64, error) {
			start := time.Now()
			if err := c.upload(); err != nil {
				return 0, err
			}
			return time.Since(start).Seconds(), b.checkSize(names[len(names)-1], int64(fileSize))
		})
		if err != nil {
			return fmt.Errorf("%s: %w", c.label, err)
		}
		times[c.label] = secs
		fmt.Printf("  %-40s %7.3f s\n", c.label, secs)
	}
	fmt.Printf("  ratio sftp -b time / Exchange time: %.2fx (safe upload), %.2fx (plain puts)\n",
		times["OpenSSH sftp -b (500 puts)"]/times["Exchange: temporary name, stat, rename"],
		times["OpenSSH sftp -b (500 puts)"]/times["Exchange: plain puts"])
	return nil
}

func (b *bench) dial(packet int) (*sftpclient.Session, error) {
	return sftpclient.Dial(context.Background(), sftpclient.Config{Host: b.srv.Host, Port: b.srv.Port, User: b.srv.User,
		KeyFile: b.keyFile, HostKey: b.srv.HostKey.Fingerprint, NoAgent: true, MaxPacket: packet})
}

func (b *bench) exchangePut(local, remote string, packet int) error {
	s, err := b.dial(packet)
	if err != nil {
		return err
	}
	defer s.Quit()
	f, err := os.Open(local)
	if err != nil {
		return err
	}
	defer f.Close()
	return s.Store(remote, f, 0)
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
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("sftp -b: %v: %s", err, tail(out))
	}
	return nil
}

func (b *bench) scp(local, remote string) error {
	args := append(append([]string{"-q"}, b.sshOpts...), local, b.srv.User+"@"+b.srv.Host+":"+remote)
	if out, err := exec.Command("scp", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("scp: %v: %s", err, tail(out))
	}
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

func median(runs int, f func() (float64, error)) (float64, error) {
	var xs []float64
	for range runs {
		x, err := f()
		if err != nil {
			return 0, err
		}
		xs = append(xs, x)
	}
	slices.Sort(xs)
	return xs[len(xs)/2], nil
}

func writeRandom(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(f, rand.Reader, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func tail(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 400 {
		s = s[len(s)-400:]
	}
	return s
}
