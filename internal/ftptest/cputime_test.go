package ftptest

import (
	"testing"
)

func TestStatCPUTicks(t *testing.T) {
	// A real line's shape, with a name that holds a space and a ')'.
	line := []byte("4242 (vsftpd) x)) S 1 4242 4242 0 -1 4194560 120 0 0 0 7 5 30 11 20 0 1 0 123 1000 200\n")
	got, err := statCPUTicks(line)
	if err != nil {
		t.Fatal(err)
	}
	if got != 7+5+30+11 {
		t.Fatalf("ticks = %d, want utime+stime+cutime+cstime = %d", got, 7+5+30+11)
	}
	for _, bad := range []string{"4242 vsftpd S 1", "4242 (vsftpd) S 1 2 3", "4242 (vsftpd) S 1 4242 4242 0 -1 4194560 120 0 0 0 x 5 30 11 20"} {
		if _, err := statCPUTicks([]byte(bad)); err == nil {
			t.Errorf("statCPUTicks(%q) gave no error", bad)
		}
	}
}

func TestCPUTimeOfARealServer(t *testing.T) {
	s := Start(t, VSFTPD, Options{})
	if _, err := s.CPUTime(); err != nil {
		t.Fatal(err)
	}
	in := Start(t, FTPServerLib, Options{})
	if _, err := in.CPUTime(); err == nil {
		t.Fatal("CPUTime of the in-process server gave no error")
	}
}
