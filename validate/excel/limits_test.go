package excel

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// withParts returns the workbook src with n more parts of exactly size bytes
// each (zeros, or random bytes when random), compressed once and stored n
// times, so that a hostile file of a gigabyte unpacked is built in moments.
func withParts(t testing.TB, src []byte, n, size int, random bool) []byte {
	t.Helper()
	content := make([]byte, size)
	if random {
		rand.New(rand.NewSource(1)).Read(content)
	}
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	crc := crc32.ChecksumIEEE(content)
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("xl/media/extra%04d.bin", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(size)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(packed.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// allocatedDuring returns how many bytes fn allocated on the heap in all (an
// upper bound of how much the heap grew while it ran) .
func allocatedDuring(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestZipBombOfManyOneMiBParts: issue 15's file, a small workbook with 1,000
// extra parts of exactly 1 MiB of zeros each (1 GB unpacked from about 1 MB),
// walked around the per-part ratio check and the 1 GiB cap and took 2.4 GB to
// check. It is refused before it is opened, three at once too, and the checks
// allocate little.
func TestZipBombOfManyOneMiBParts(t *testing.T) {
	bomb := withParts(t, book(t, map[string][][]any{"P": policies}, "P"), 1000, 1<<20, false)
	t.Logf("hostile workbook: %d KB", len(bomb)>>10)
	var wg sync.WaitGroup
	results := make([][]string, 3)
	allocated := allocatedDuring(func() {
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fs, _, err := CheckWorkbook(bytes.NewReader(bomb), int64(len(bomb)), Options{})
				if err != nil {
					results[i] = []string{err.Error()}
					return
				}
				for _, f := range fs {
					results[i] = append(results[i], f.Rule+": "+f.Text)
				}
			}()
		}
		wg.Wait()
	})
	for _, r := range results {
		if len(r) != 1 || !strings.HasPrefix(r[0], RuleTooLarge+": ") || !strings.Contains(r[0], "zip bomb") {
			t.Errorf("findings = %q, want one %s refusal naming a zip bomb", r, RuleTooLarge)
		}
	}
	const budget = 32 << 20
	if allocated > budget {
		t.Errorf("three checks allocated %d MB, more than %d MB", allocated>>20, budget>>20)
	}
	t.Logf("three checks at once allocated %d KB", allocated>>10)
}

// TestBudgetsOfOneCheck: too many parts, and more unpacked bytes in memory
// than one check may hold (incompressible, so no ratio check catches it).
func TestBudgetsOfOneCheck(t *testing.T) {
	base := book(t, map[string][][]any{"P": policies}, "P")
	many := withParts(t, base, 300, 10, false)
	fs, _ := check(t, many, Options{MaxParts: 200})
	if len(fs) != 1 || fs[0].Rule != RuleTooLarge || !strings.Contains(fs[0].Text, "parts") {
		t.Errorf("300 extra parts: %+v", fs)
	}
	heavy := withParts(t, base, 6, 1<<20, true)
	fs, _ = check(t, heavy, Options{MaxInMemory: 4 << 20})
	if len(fs) != 1 || fs[0].Rule != RuleTooLarge || !strings.Contains(fs[0].Text, "memory") {
		t.Errorf("6 MB in memory with a 4 MB budget: %+v", fs)
	}
	fs, _ = check(t, heavy, Options{})
	for _, f := range fs {
		if f.Severity == "error" {
			t.Errorf("6 MB of media with the default budgets: %+v", f)
		}
	}
}

// TestProcessBudgetBoundsConcurrentChecks: checks running at once never hold
// more than the process budget together; they wait for their share and all finish.
func TestProcessBudgetBoundsConcurrentChecks(t *testing.T) {
	old := processBudget
	processBudget = newMemoryBudget(40 << 20) // each check below costs just over 16 MiB: two at a time
	defer func() { processBudget = old }()
	data := withParts(t, book(t, map[string][][]any{"P": policies}, "P"), 4, 256<<10, true)
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fs, _, err := CheckWorkbook(bytes.NewReader(data), int64(len(data)), Options{})
			if err != nil || len(fs) != 0 {
				t.Errorf("check %d: %+v %v", i, fs, err)
			}
		}()
	}
	wg.Wait()
	if peak := processBudget.peakUse(); peak > 40<<20 || peak <= 16<<20 {
		t.Errorf("peak use of the process budget = %d bytes, want at most 40 MiB and more than one check's share", peak)
	}
}

// TestMemoryBudgetIsFIFO: a small request that would fit waits behind an
// earlier large one, so large checks are not starved.
func TestMemoryBudgetIsFIFO(t *testing.T) {
	b := newMemoryBudget(10)
	first := b.acquire(6)
	var wg sync.WaitGroup
	for _, n := range []int64{8, 2} {
		wg.Add(1)
		go func() { defer wg.Done(); b.release(b.acquire(n)) }()
		waitFor(t, func() bool {
			b.mu.Lock()
			defer b.mu.Unlock()
			return len(b.waiters) > 0 && b.waiters[len(b.waiters)-1].n == n
		})
	}
	b.mu.Lock()
	used, waiting := b.used, len(b.waiters)
	b.mu.Unlock()
	if used != 6 || waiting != 2 {
		t.Errorf("used %d with %d waiting, want 6 with 2 (the 2 behind the 8)", used, waiting)
	}
	b.release(first)
	wg.Wait()
	if got := b.acquire(1 << 40); got != 10 {
		t.Errorf("a request larger than the budget took %d, want the whole budget", got)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; !cond(); i++ {
		if i > 1e6 {
			t.Fatal("condition never met")
		}
		runtime.Gosched()
	}
}
