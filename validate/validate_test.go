package validate_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"exchange/internal/samples"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

func TestFileAL3(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "DOWNLOAD.AL3")
	if err := os.WriteFile(path, al3gen.Valid(al3gen.CRLF), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := validate.File(path, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != validate.KindAL3 || !rep.Valid || len(rep.Findings) != 0 || rep.AL3 == nil || rep.AL3.Transactions != 2 {
		t.Errorf("report = %+v", rep)
	}
	if rep.Path != path || rep.Size != int64(len(al3gen.Valid(al3gen.CRLF))) {
		t.Errorf("path/size = %q %d", rep.Path, rep.Size)
	}
}

func TestFileMissing(t *testing.T) {
	if _, err := validate.File(filepath.Join(t.TempDir(), "nope.al3"), validate.Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}

func TestFileRealSample(t *testing.T) {
	data := samples.Read(t, "DLTEST.DAT")
	rep, err := validate.Reader(bytes.NewReader(data), "DLTEST.DAT", int64(len(data)), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Valid || len(rep.Findings) != 1 || rep.Findings[0].Rule != "al3/trailer-count" {
		t.Errorf("report = %+v", rep)
	}
}

// TestReaderCases runs every generated case through the public API: the case's
// rule at the generator's offset, and Valid false exactly when a finding is an error.
func TestReaderCases(t *testing.T) {
	for _, c := range al3gen.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			rep, err := validate.Reader(bytes.NewReader(c.Data), c.FileName, int64(len(c.Data)), validate.Options{})
			if err != nil {
				t.Fatal(err)
			}
			found, anyError := false, false
			for _, f := range rep.Findings {
				found = found || f.Rule == c.Rule && f.Offset == c.Offset
				anyError = anyError || f.Severity == validate.SeverityError
			}
			if !found {
				t.Errorf("want %s at %d in %+v", c.Rule, c.Offset, rep.Findings)
			}
			if rep.Valid == anyError {
				t.Errorf("valid = %v with findings %+v", rep.Valid, rep.Findings)
			}
			if c.Detection && rep.Kind != validate.KindUnknown {
				t.Errorf("kind = %s", rep.Kind)
			}
		})
	}
}

// failingReader fails after the first bytes: an I/O error must come back as error.
type failingReader struct{ data []byte }

func (r failingReader) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > 5000 {
		return 0, errors.New("disk on fire")
	}
	return bytes.NewReader(r.data).ReadAt(p, off)
}

func TestReaderIOError(t *testing.T) {
	data := al3gen.New(al3gen.CRLF).Message(20, 3).Bytes()
	_, err := validate.Reader(failingReader{data}, "x.al3", int64(len(data)), validate.Options{})
	if err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("err = %v, want the read error", err)
	}
}
