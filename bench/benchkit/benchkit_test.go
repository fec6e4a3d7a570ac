package benchkit

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestMedianIsTheMiddleOfTheSorted(t *testing.T) {
	if got := Median([]float64{5, 1, 3}); got != 3 {
		t.Errorf("Median(5, 1, 3) = %v, want 3", got)
	}
	if got := Median([]float64{4, 1, 3, 2}); got != 3 {
		t.Errorf("Median(4, 1, 3, 2) = %v, want 3 (the upper middle)", got)
	}
}

type memStore struct{ got bytes.Buffer }

func (m *memStore) Store(_ string, r io.Reader, _ int64) error {
	_, err := io.Copy(&m.got, r)
	return err
}

func TestWriteRandomThenStoreFileSendsItWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payload.bin")
	if err := WriteRandom(path, 10000); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(path)
	if err != nil || len(want) != 10000 {
		t.Fatalf("payload: %d bytes, %v", len(want), err)
	}
	var s memStore
	if err := StoreFile(&s, path, "remote.bin"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.got.Bytes(), want) {
		t.Error("the stored bytes differ from the file")
	}
}
