package rotate

import (
	"path/filepath"
	"testing"
)

func TestFileTakesDefaultsOnlyForWhatIsUnset(t *testing.T) {
	dir := t.TempDir()
	f := File(dir, "x.log", Limits{Keep: 3}, Limits{MaxSizeMB: 10, Keep: 20})
	if f.Filename != filepath.Join(dir, "x.log") || f.MaxSize != 10 || f.MaxBackups != 3 {
		t.Errorf("got %s, %d MB, keep %d; want x.log in the folder, 10 MB, keep 3", f.Filename, f.MaxSize, f.MaxBackups)
	}
	f = File(dir, "x.log", Limits{MaxSizeMB: 1, Keep: -1}, Limits{MaxSizeMB: 10, Keep: 20})
	if f.MaxSize != 1 || f.MaxBackups != 20 {
		t.Errorf("got %d MB, keep %d; want 1 MB, keep 20", f.MaxSize, f.MaxBackups)
	}
}
