package al3gen

import (
	"bufio"
	"io"
)

// WriteLarge streams a valid AL3 file of at least size bytes to w: messages of
// up to 1000 policy transactions each, in layout l. It returns the bytes written.
func WriteLarge(w io.Writer, size int64, l Layout) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	b := NewStream(bw, l)
	lines := []string{"AUTOP", "HOME ", "BOAT ", "CPKGE"}
	for b.Len() < size && b.Err() == nil {
		b.Header(196)
		for i := 0; i < 1000 && b.Len() < size && b.Err() == nil; i++ {
			b.Policy(Txn{Line: lines[i%len(lines)]}, 1+i%5)
		}
		b.Trailer()
	}
	if err := b.Err(); err != nil {
		return b.Len(), err
	}
	return b.Len(), bw.Flush()
}
