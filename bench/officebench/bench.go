package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"exchange/bench/latency"
	"exchange/bench/pipeline"
	"exchange/internal/ftptest"
	"exchange/validate/al3/al3gen"
)

// writeFiles writes the scenario's valid AL3 files into a new folder.
func writeFiles(tmp string, sc scenario) (dir string, names []string, err error) {
	dir = filepath.Join(tmp, sc.key)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", nil, err
	}
	if sc.files == 1 {
		f, err := os.Create(filepath.Join(dir, "large.al3"))
		if err != nil {
			return "", nil, err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if _, err := al3gen.WriteLarge(w, sc.size, al3gen.CRLF); err != nil {
			f.Close()
			return "", nil, err
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return "", nil, err
		}
		return dir, []string{"large.al3"}, f.Close()
	}
	for i := range sc.files {
		name := fmt.Sprintf("download-%04d.al3", i)
		if err := os.WriteFile(filepath.Join(dir, name), pipeline.ValidAL3(i, sc.size), 0o644); err != nil {
			return "", nil, err
		}
		names = append(names, name)
	}
	return dir, names, nil
}

// bench measures one scenario at one round trip.
type bench struct {
	srv   *ftptest.Server
	t     target
	sc    scenario
	rtt   time.Duration
	local string
	names []string
}

// outcome is one contender's run.
type outcome struct {
	wall      time.Duration
	counts    protocolCounts
	dataConns int
	err       error
}

func (b *bench) measure(runs int) error {
	proxy, err := latency.ForVsftpd(b.srv, b.rtt)
	if err != nil {
		return err
	}
	defer proxy.Close()
	cs := contenders()
	results := make([][]outcome, len(cs))
	for r := range runs {
		for i := range cs {
			k := (r + i) % len(cs)
			dir := fmt.Sprintf("%s-%dms-run%d-%d", b.sc.key, b.rtt.Milliseconds(), r, k)
			results[k] = append(results[k], b.runOnce(proxy, cs[k], dir))
			_ = os.RemoveAll(b.srv.Path("/" + dir))
		}
	}
	b.report(cs, results, runs)
	return nil
}

// runOnce sends the files with one contender into dir and checks that they
// all arrived whole under their names, through the proxy.
func (b *bench) runOnce(proxy *latency.Proxy, c contender, dir string) outcome {
	log := serverLog{path: filepath.Join(filepath.Dir(b.srv.Dir), "vsftpd.log")}
	offset, data := log.size(), proxy.Accepted(proxy.DataPorts()...)
	cmd := c.command(b.t, b.local, b.names, dir, b.sc.tls)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Start()
	if err == nil {
		stuck := time.AfterFunc(30*time.Minute, func() { _ = cmd.Process.Kill() })
		err = cmd.Wait()
		stuck.Stop()
	}
	o := outcome{wall: time.Since(start)}
	if err != nil {
		o.err = fmt.Errorf("%v: %s", err, lastLines(out.Bytes(), 3))
		return o
	}
	if o.err = b.arrived(dir); o.err != nil {
		return o
	}
	log.settle(ftptest.Scaled(10 * time.Second))
	o.counts, o.err = log.since(offset)
	o.dataConns = proxy.Accepted(proxy.DataPorts()...) - data
	if o.err == nil && o.dataConns < len(b.names) {
		o.err = fmt.Errorf("%d data connections through the proxy for %d files: some went around it, undelayed", o.dataConns, len(b.names))
	}
	return o
}

// arrived checks that the remote folder holds exactly the files, each of its
// local size.
func (b *bench) arrived(dir string) error {
	entries, err := os.ReadDir(b.srv.Path("/" + dir))
	if err != nil {
		return fmt.Errorf("the remote folder: %w", err)
	}
	if len(entries) != len(b.names) {
		return fmt.Errorf("%d entries in the remote folder, want %d", len(entries), len(b.names))
	}
	for _, name := range b.names {
		local, err := os.Stat(filepath.Join(b.local, name))
		if err != nil {
			return err
		}
		remote, err := os.Stat(b.srv.Path("/" + dir + "/" + name))
		if err != nil || remote.Size() != local.Size() {
			return fmt.Errorf("%s did not arrive whole: %v", name, err)
		}
	}
	return nil
}

func (b *bench) report(cs []contender, results [][]outcome, runs int) {
	files := float64(len(b.names))
	fmt.Printf("\n== %s; %v round trip on control and data connections; median of %d\n", b.sc.title, b.rtt, runs)
	fmt.Printf("%-38s %9s %6s %17s %14s\n", "contender", "seconds", "ratio", "round trips/file", "conns (c+d)")
	reference := medianWall(results[0])
	for i, c := range cs {
		ok := successes(results[i])
		if len(ok) < len(results[i]) {
			fmt.Printf("%-38s failed %d of %d runs: %v\n", c.name, len(results[i])-len(ok), len(results[i]), firstError(results[i]))
		}
		if len(ok) == 0 {
			continue
		}
		w := medianWall(ok)
		ratio := "-"
		if reference > 0 {
			ratio = fmt.Sprintf("%.2f", reference.Seconds()/w.Seconds())
		}
		var perFile []float64
		for _, o := range ok {
			perFile = append(perFile, float64(o.counts.total())/files)
		}
		slices.Sort(perFile)
		fmt.Printf("%-38s %9.2f %6s %17.2f %9d+%d\n", c.name, w.Seconds(), ratio, perFile[len(perFile)/2],
			ok[0].counts.connects, ok[0].dataConns)
	}
	fmt.Println("commands per file, by command (first successful run):")
	for i, c := range cs {
		if ok := successes(results[i]); len(ok) > 0 {
			fmt.Printf("  %-36s %s\n", c.name, breakdown(ok[0].counts, files))
		}
	}
}

func breakdown(c protocolCounts, files float64) string {
	verbs := make([]string, 0, len(c.commands))
	for v := range c.commands {
		verbs = append(verbs, v)
	}
	sort.Slice(verbs, func(i, j int) bool {
		if c.commands[verbs[i]] != c.commands[verbs[j]] {
			return c.commands[verbs[i]] > c.commands[verbs[j]]
		}
		return verbs[i] < verbs[j]
	})
	// Commands sent once per connection (login, FEAT...) are lumped together
	// when there are many files: the per-file ones are what differ.
	var parts []string
	rest := 0
	for _, v := range verbs {
		if per := float64(c.commands[v]) / files; per >= 0.1 {
			parts = append(parts, fmt.Sprintf("%s %.2f", v, per))
		} else {
			rest += c.commands[v]
		}
	}
	if rest > 0 {
		parts = append(parts, fmt.Sprintf("others (login, once per connection) %.2f", float64(rest)/files))
	}
	return strings.Join(parts, ", ")
}

func successes(os []outcome) []outcome {
	var ok []outcome
	for _, o := range os {
		if o.err == nil {
			ok = append(ok, o)
		}
	}
	return ok
}

func firstError(os []outcome) error {
	for _, o := range os {
		if o.err != nil {
			return o.err
		}
	}
	return nil
}

// medianWall is the median wall time of the successful runs, 0 with none.
func medianWall(os []outcome) time.Duration {
	var ws []time.Duration
	for _, o := range successes(os) {
		ws = append(ws, o.wall)
	}
	if len(ws) == 0 {
		return 0
	}
	return pipeline.Median(ws)
}

func lastLines(out []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}
