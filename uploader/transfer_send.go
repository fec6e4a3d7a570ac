package uploader

import (
	"io"
	"os"
	"time"

	"exchange/internal/units"
	"exchange/transport"
)

// send uploads the file from t.offset, with REST (Store) and APPE as
// fallback, and returns the SHA-256 of the whole file as sent (the prefix
// below the offset read from the local file again).
func (t *transfer) send(f *os.File) (string, error) {
	total := t.rec.Size
	note := ""
	if t.offset > 0 {
		note = "resuming at " + units.Bytes(t.offset)
	}
	t.events.report(Event{Kind: EventUploading, Bytes: t.offset, Total: total, Note: note})
	var sent *sentHash
	reader := func(offset int64) (io.Reader, error) {
		if sent != nil {
			sent.abandon() // an attempt that will not be summed: start over at offset
		}
		var err error
		if sent, err = newSentHash(f, offset, total); err != nil {
			return nil, err
		}
		var src io.Reader = sent
		if t.limits != nil {
			src = t.limits.throttle(t.ctx, sent)
		}
		return newProgressReader(t.ctx, src, offset, total, t.now, t.progress), nil
	}
	r, err := reader(t.offset)
	if err != nil {
		return "", err
	}
	if t.offset >= total && t.offset > 0 {
		return sent.sum() // the temporary file is complete already
	}
	if t.offset == 0 {
		return sent.result(t.sess.Store(t.temp, r, 0))
	}
	return t.sendRest(r, reader, func() *sentHash { return sent })
}

// sendRest resumes with REST; a server that refuses it gets APPE, and one
// that refuses both gets the whole file again.
func (t *transfer) sendRest(r io.Reader, reader func(offset int64) (io.Reader, error), sent func() *sentHash) (string, error) {
	err := t.sess.Store(t.temp, r, t.offset)
	if err == nil || t.ctx.Err() != nil || !transport.ResumeRefused(err) {
		return sent().result(err)
	}
	if r, err = reader(t.offset); err != nil {
		return "", err
	}
	if err = t.sess.Append(t.temp, r); err == nil || t.ctx.Err() != nil || transport.ClassOf(err) != transport.ClassPermanent {
		return sent().result(err)
	}
	// Neither REST nor APPE: send the whole file again.
	t.offset = 0
	if r, err = reader(0); err != nil {
		return "", err
	}
	return sent().result(t.sess.Store(t.temp, r, 0))
}

// progress reports the bytes on the server so far (at most every
// progressInterval: progressReader throttles). The event carries the time
// the bytes were counted, not the later moment it reaches the subscribers.
func (t *transfer) progress(at time.Time, bytes, total int64, rate float64, eta time.Duration) {
	t.events.report(Event{Kind: EventUploading, Time: at, Bytes: bytes, Total: total, Rate: rate, ETA: eta})
}
