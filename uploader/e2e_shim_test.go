package uploader_test

import (
	"context"
	"errors"
	"io"
	"net/textproto"
	"path"
	"strings"
	"time"

	"github.com/jlaffaye/ftp"

	"exchange/uploader/ftpclient"
)

// shimDial is a stand-in passive session on jlaffaye/ftp, used by the service
// end-to-end tests only while ftpclient.Dial is not implemented yet
// (dial_pending.go). The real one replaces it as soon as it exists.
func shimDial(ctx context.Context, cfg ftpclient.Config) (ftpclient.Session, error) {
	s, err := ftpclient.Dial(ctx, cfg)
	if err == nil || !strings.Contains(err.Error(), "not implemented") {
		return s, err
	}
	c, err := ftp.Dial(cfg.Address(), ftp.DialWithTimeout(5*time.Second))
	if err != nil {
		return nil, &ftpclient.Error{Op: "connect", Class: ftpclient.ClassRetryable, Err: err}
	}
	if err := c.Login(cfg.User, cfg.Password); err != nil {
		_ = c.Quit()
		return nil, shimErr("login", err)
	}
	return &shimSession{c: c}, nil
}

type shimSession struct{ c *ftp.ServerConn }

func shimErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var pe *textproto.Error
	if errors.As(err, &pe) {
		class := ftpclient.ClassPermanent
		switch {
		case pe.Code == 530:
			class = ftpclient.ClassAuth
		case pe.Code >= 400 && pe.Code < 500:
			class = ftpclient.ClassRetryable
		}
		return &ftpclient.Error{Op: op, Code: pe.Code, Reply: pe.Msg, Class: class}
	}
	return &ftpclient.Error{Op: op, Class: ftpclient.ClassOf(err), Err: err}
}

func (s *shimSession) Features() map[string]string { return map[string]string{} }
func (s *shimSession) MakeDirAll(dir string) error {
	cur := ""
	for _, part := range strings.Split(strings.Trim(dir, "/"), "/") {
		cur = path.Join("/", cur, part)
		_ = s.c.MakeDir(cur)
	}
	return nil
}
func (s *shimSession) Size(p string) (int64, error) {
	n, err := s.c.FileSize(p)
	return n, shimErr("SIZE "+p, err)
}
func (s *shimSession) Store(p string, r io.Reader, offset int64) error {
	if offset > 0 {
		return shimErr("STOR "+p, s.c.StorFrom(p, r, uint64(offset)))
	}
	return shimErr("STOR "+p, s.c.Stor(p, r))
}
func (s *shimSession) Append(p string, r io.Reader) error {
	return shimErr("APPE "+p, s.c.Append(p, r))
}
func (s *shimSession) Rename(from, to string) error { return shimErr("RNFR", s.c.Rename(from, to)) }
func (s *shimSession) Delete(p string) error        { return shimErr("DELE", s.c.Delete(p)) }
func (s *shimSession) Hash(string) (string, string, error) {
	return "", "", ftpclient.ErrNotSupported
}
func (s *shimSession) Noop() error          { return shimErr("NOOP", s.c.NoOp()) }
func (s *shimSession) Mode() ftpclient.Mode { return ftpclient.Passive }
func (s *shimSession) Quit() error          { return s.c.Quit() }
