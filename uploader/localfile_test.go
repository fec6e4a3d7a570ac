package uploader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/profile"
	"exchange/validate"
)

func TestOpenRegularGivesTheFileAndItsState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.al3")
	if err := os.WriteFile(path, []byte("1MHG content"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, st, err := openRegular(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := statFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if st != want {
		t.Fatalf("state %+v, want %+v as stat gives it", st, want)
	}
	buf := make([]byte, 4)
	if _, err := f.ReadAt(buf, 0); err != nil || string(buf) != "1MHG" {
		t.Fatalf("ReadAt = %q, %v", buf, err)
	}
}

// The check hashes what it validates, through one open, whether the hash runs
// beside the validation (large files) or before it (small ones).
func TestCheckHashesAndValidatesTheSameContent(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{10, parallelHashFrom - 1, parallelHashFrom, parallelHashFrom + 12345} {
		content := []byte(strings.Repeat("x", size))
		path := filepath.Join(dir, "f.al3")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var validated int64
		s := &Service{opts: Options{Validate: func(_ context.Context, r io.ReaderAt, p string, n int64, _ profile.Profile) (*validate.Report, error) {
			b, err := io.ReadAll(io.NewSectionReader(r, 0, n))
			validated = int64(len(b))
			return &validate.Report{Path: p, Size: n, Valid: true}, err
		}}, ctx: context.Background()}
		c := s.check(path, profile.Profile{})
		if c.err != nil {
			t.Fatalf("size %d: %v", size, c.err)
		}
		sum := sha256.Sum256(content)
		if c.sha256 != hex.EncodeToString(sum[:]) {
			t.Errorf("size %d: sha256 %s, want %x", size, c.sha256, sum)
		}
		if validated != int64(size) || c.state.Size != int64(size) {
			t.Errorf("size %d: validated %d bytes, state says %d", size, validated, c.state.Size)
		}
	}
}
