package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"exchange/validate/al3/al3gen"
)

// ValidAL3 is a valid AL3 file of about size bytes whose content is unique to n.
func ValidAL3(n int, size int64) []byte {
	b := al3gen.New(al3gen.CRLF)
	b.Header(161)
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%3000).Format("20060102")
	for i := 0; i == 0 || b.Len()+1800 < size; i++ {
		b.Policy(al3gen.Txn{Date: date, Sender: fmt.Sprintf("SENDER%06d", n)}, 1+(int(size-b.Len())/300)%4)
	}
	b.Trailer()
	return b.Bytes()
}

// Median of durations.
func Median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

// BuildExchange builds the command-line binary into dir.
func BuildExchange(dir string) (string, error) {
	bin := filepath.Join(dir, "exchange")
	out, err := exec.Command("go", "build", "-o", bin, "exchange/cmd/exchange").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// CountFiles returns the number of entries in dir.
func CountFiles(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	return len(entries), err
}
