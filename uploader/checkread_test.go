package uploader

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// countingReaderAt counts the bytes read from the file underneath.
type countingReaderAt struct {
	r  io.ReaderAt
	mu sync.Mutex
	n  int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.mu.Lock()
	c.n += int64(n)
	c.mu.Unlock()
	return n, err
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// A large AL3 file is read once for its check and its sha256 (issue 21: it
// was read twice, once by the validator and once by the hash), and both get
// every byte: the verdict is the same as from the file itself, the digest
// is the file's.
func TestALargeFileIsReadOnceForTheCheckAndTheHash(t *testing.T) {
	var buf bytes.Buffer
	if _, err := al3gen.WriteLarge(&buf, 3*sharedChunkSize+12345, al3gen.CRLF); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	file := &countingReaderAt{r: bytes.NewReader(data)}
	shared := newSharedRead(file, int64(len(data)), sha256.New())
	rep, err := validate.Reader(shared, "large.al3", int64(len(data)), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := shared.Sum()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Valid || rep.AL3 == nil || rep.AL3.Transactions == 0 {
		t.Errorf("report through the shared read: valid %v, summary %+v", rep.Valid, rep.AL3)
	}
	want, err := validate.Reader(bytes.NewReader(data), "large.al3", int64(len(data)), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.AL3.Transactions != want.AL3.Transactions || rep.AL3.Groups != want.AL3.Groups || len(rep.Findings) != len(want.Findings) {
		t.Errorf("the shared read changed the verdict: %+v, want %+v", rep.AL3, want.AL3)
	}
	if sum != sha256Hex(data) {
		t.Errorf("sha256 %s, want %s", sum, sha256Hex(data))
	}
	if file.n != int64(len(data)) {
		t.Errorf("%d bytes read from the file for a check of %d: want each byte read once", file.n, len(data))
	}
}

// Reads in any order and size get the file's bytes, and the digest covers
// the whole file whatever the validator read: in order, out of order (a
// workbook's directory at its end), or only its start (a validator that
// stopped early).
func TestSharedReadServesAnyReadAndHashesTheWholeFile(t *testing.T) {
	data := make([]byte, 2*sharedChunkSize+777)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	type read struct {
		off int64
		n   int
	}
	cases := map[string][]read{
		"nothing":            nil,
		"only the start":     {{0, 10}},
		"the end first":      {{int64(len(data)) - 100, 100}, {0, 4096}, {0, 300000}, {300000, 900000}},
		"across chunks":      {{0, sharedChunkSize - 5}, {sharedChunkSize - 5, 2 * sharedChunkSize}},
		"past the end":       {{0, len(data) + 50}},
		"back and forth":     {{0, 5000}, {sharedChunkSize + 10, 20}, {5000, 10}, {2 * sharedChunkSize, 777}},
		"a chunk's edge":     {{0, sharedChunkSize}, {sharedChunkSize, 1}, {sharedChunkSize + 1, sharedChunkSize}},
		"only the last byte": {{int64(len(data)) - 1, 1}},
	}
	for name, reads := range cases {
		t.Run(name, func(t *testing.T) {
			shared := newSharedRead(bytes.NewReader(data), int64(len(data)), sha256.New())
			for _, r := range reads {
				p := make([]byte, r.n)
				n, err := shared.ReadAt(p, r.off)
				end := min(r.off+int64(r.n), int64(len(data)))
				if int64(n) != end-r.off || !bytes.Equal(p[:n], data[r.off:end]) {
					t.Fatalf("read %d at %d: got %d bytes (%v), not the file's", r.n, r.off, n, err)
				}
				if short := n < r.n; short != (err != nil) || short && !errors.Is(err, io.EOF) {
					t.Errorf("read %d at %d: %d bytes and error %v, want io.EOF exactly when short", r.n, r.off, n, err)
				}
			}
			sum, err := shared.Sum()
			if err != nil || sum != sha256Hex(data) {
				t.Errorf("sum %s (%v), want %s", sum, err, sha256Hex(data))
			}
		})
	}
}

// A file that became shorter than it was when opened is an error for the
// validator's read and for the digest, never the digest of part of it.
func TestSharedReadOfAFileThatShrankIsAnError(t *testing.T) {
	data := bytes.Repeat([]byte("1MHG"), sharedChunkSize) // 4 MiB
	shrunk := bytes.NewReader(data[:len(data)-sharedChunkSize/2])
	shared := newSharedRead(shrunk, int64(len(data)), sha256.New())
	var err error
	p := make([]byte, 256<<10)
	for off := int64(0); err == nil && off < int64(len(data)); off += int64(len(p)) {
		_, err = shared.ReadAt(p, off)
	}
	if !errors.Is(err, errFileChanged) {
		t.Errorf("reading a file that shrank: %v, want %v", err, errFileChanged)
	}
	if sum, err := shared.Sum(); err == nil {
		t.Errorf("digest %s of a file that shrank, want an error", sum)
	}
}

// A check that ends in an error stops the hash without reading the rest.
func TestSharedReadAbandonedReadsNoMore(t *testing.T) {
	data := make([]byte, 3*sharedChunkSize)
	file := &countingReaderAt{r: bytes.NewReader(data)}
	shared := newSharedRead(file, int64(len(data)), sha256.New())
	if _, err := shared.ReadAt(make([]byte, 10), 0); err != nil {
		t.Fatal(err)
	}
	shared.Abandon()
	if file.n != sharedChunkSize {
		t.Errorf("%d bytes read, want one chunk (%d)", file.n, sharedChunkSize)
	}
}

// BenchmarkCheckLargeAL3 is the check of a large AL3 file, validation and
// sha256, as the service makes it (one read feeding both, on two cores)
// and as it made it before (two reads of the page cache at the same time):
// AL3_BENCH_MB megabytes (1024 by default) of a generated valid file. It
// reports the wall time's rate and the CPU time per run (cpu-s/op).
func BenchmarkCheckLargeAL3(b *testing.B) {
	mb := 1024
	if s := os.Getenv("AL3_BENCH_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("AL3_BENCH_MB: %v", err)
		}
		mb = n
	}
	path := filepath.Join(b.TempDir(), "large.al3")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = al3gen.WriteLarge(w, int64(mb)<<20, al3gen.CRLF)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	oneRead := func(f *os.File, size int64) (*validate.Report, string, error) {
		shared := newSharedRead(f, size, sha256.New())
		rep, err := validate.Reader(shared, path, size, validate.Options{})
		if err != nil {
			shared.Abandon()
			return nil, "", err
		}
		sum, err := shared.Sum()
		return rep, sum, err
	}
	twoReads := func(f *os.File, size int64) (*validate.Report, string, error) {
		var sum string
		var herr error
		done := make(chan struct{})
		go func() { sum, herr = hashReader(f, size, "sha256"); close(done) }()
		rep, err := validate.Reader(f, path, size, validate.Options{})
		<-done
		if err == nil {
			err = herr
		}
		return rep, sum, err
	}
	for _, c := range []struct {
		name  string
		check func(*os.File, int64) (*validate.Report, string, error)
	}{{"one read", oneRead}, {"two reads", twoReads}} {
		b.Run(c.name, func(b *testing.B) {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			var cpu time.Duration
			for b.Loop() {
				before := processCPU()
				rep, sum, err := c.check(f, st.Size())
				cpu += processCPU() - before
				if err != nil || !rep.Valid || len(sum) != 64 {
					b.Fatalf("valid %v, sum %q, %v", rep != nil && rep.Valid, sum, err)
				}
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// A large file's upload is served from chunks that a hash on its own
// goroutine reads too: from the start or resumed at any offset, what is sent
// is the file from there and the digest is the whole file's; a second sum
// or a read after it is an error, not a crash.
func TestSentHashOfALargeFileFromAnyOffset(t *testing.T) {
	data := make([]byte, 2*sharedChunkSize+4321)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	path := filepath.Join(t.TempDir(), "large.al3")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := int64(len(data))
	for _, offset := range []int64{0, 1, sharedChunkSize - 1, sharedChunkSize, sharedChunkSize + 1, size - 1, size} {
		sent, err := newSentHash(f, offset, size)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(struct{ io.Reader }{sent})
		if err != nil || !bytes.Equal(got, data[offset:]) {
			t.Fatalf("offset %d: %d bytes sent (%v), want the file from there", offset, len(got), err)
		}
		if sum, err := sent.result(nil); err != nil || sum != sha256Hex(data) {
			t.Errorf("offset %d: sum %s (%v), want the whole file's %s", offset, sum, err, sha256Hex(data))
		}
		if _, err := sent.sum(); err == nil {
			t.Errorf("offset %d: a second sum gave no error", offset)
		}
		if _, err := sent.Read(make([]byte, 10)); err == nil && offset < size {
			t.Errorf("offset %d: a read after the sum gave no error", offset)
		}
	}
	// An upload that failed stops its hash.
	sent, err := newSentHash(f, 0, size)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sent.result(errors.New("426 connection closed")); err == nil {
		t.Error("a failed upload's result gave no error")
	}
}
