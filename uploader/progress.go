package uploader

import (
	"context"
	"io"
	"time"
)

// progressInterval is the least time between two uploading events of one file.
const progressInterval = 100 * time.Millisecond

// progressReader counts the bytes read by the FTP transfer, stops it when ctx
// is done (the next Read fails with the cause), and reports progress at most
// once per progressInterval with a smoothed rate.
type progressReader struct {
	ctx    context.Context
	r      io.Reader
	bytes  int64 // bytes on the server so far (offset + read)
	total  int64
	report func(at time.Time, bytes, total int64, rate float64, eta time.Duration)
	now    func() time.Time

	last      time.Time
	lastBytes int64
	rate      float64
}

func newProgressReader(ctx context.Context, r io.Reader, offset, total int64, now func() time.Time,
	report func(at time.Time, bytes, total int64, rate float64, eta time.Duration)) *progressReader {
	return &progressReader{ctx: ctx, r: r, bytes: offset, total: total, report: report, now: now, last: now(), lastBytes: offset}
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, context.Cause(p.ctx)
	}
	n, err := p.r.Read(b)
	p.bytes += int64(n)
	if now := p.now(); now.Sub(p.last) >= progressInterval {
		p.tick(now)
	}
	return n, err
}

// WriteTo lets io.Copy hand the data to the connection in chunks, so that a
// connection that can take a file directly (sendfile) still does, while the
// progress is reported and cancellation checked between chunks. Chunks last
// about 50 ms at the current rate.
func (p *progressReader) WriteTo(w io.Writer) (int64, error) {
	var written int64
	chunk := int64(256 << 10)
	for {
		if err := p.ctx.Err(); err != nil {
			return written, context.Cause(p.ctx)
		}
		n, err := io.Copy(w, io.LimitReader(p.r, chunk))
		written += n
		p.bytes += n
		if now := p.now(); now.Sub(p.last) >= progressInterval {
			p.tick(now)
		}
		if err != nil {
			return written, err
		}
		if n < chunk {
			return written, nil // end of file
		}
		chunk = min(max(int64(p.rate/20), 64<<10), 16<<20)
	}
}

func (p *progressReader) tick(now time.Time) {
	secs := now.Sub(p.last).Seconds()
	inst := float64(p.bytes-p.lastBytes) / secs
	if p.rate == 0 {
		p.rate = inst
	} else {
		p.rate = 0.7*p.rate + 0.3*inst
	}
	p.last, p.lastBytes = now, p.bytes
	var eta time.Duration
	if p.rate > 0 {
		eta = time.Duration(float64(p.total-p.bytes) / p.rate * float64(time.Second))
	}
	p.report(now, p.bytes, p.total, p.rate, eta)
}
