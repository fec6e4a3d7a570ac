package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"exchange/uploader"
	"exchange/uploader/ftpclient"
	"exchange/uploader/profile"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

func large(size int64, runs int) error {
	tmp, err := os.MkdirTemp("", "exchange-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, "large.al3")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := al3gen.WriteLarge(w, size, al3gen.CRLF); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	size = st.Size()
	srv, err := startServer(tmp)
	if err != nil {
		return err
	}
	defer srv.stop()
	p := profile.Profile{Name: "bench", Host: srv.Host, Port: srv.Port, User: srv.User, Connections: 1,
		Duplicates: profile.DuplicateSend}
	fmt.Printf("server: %s; one valid AL3 file of %d MiB; median of %d runs\n", srv.Name, size>>20, runs)

	var bare, whole, stage, check []time.Duration
	for r := range runs {
		d, err := bareStore(p, srv.Password, path, fmt.Sprintf("/bare-%d.al3", r))
		if err != nil {
			return fmt.Errorf("bare Store: %w", err)
		}
		bare = append(bare, d)
		_ = os.Remove(filepath.Join(srv.Root, fmt.Sprintf("bare-%d.al3", r)))

		p.RemoteDir = fmt.Sprintf("/pipeline-%d", r)
		t, err := pipeline(p, srv.Password, path, filepath.Join(tmp, fmt.Sprintf("state-%d", r)))
		if err != nil {
			return fmt.Errorf("pipeline: %w", err)
		}
		whole, stage, check = append(whole, t.whole), append(stage, t.transfer), append(check, t.check)
		_ = os.RemoveAll(filepath.Join(srv.Root, p.RemoteDir))
	}
	mbs := func(d time.Duration) float64 { return float64(size) / 1e6 / d.Seconds() }
	b, wh, sg, ck := median(bare), median(whole), median(stage), median(check)
	fmt.Printf("bare transfer (ftpclient Store)           %6.2f s  %7.0f MB/s\n", b.Seconds(), mbs(b))
	fmt.Printf("pipeline, transfer stage (upload, verify, rename) %6.2f s  %7.0f MB/s  ratio %.2f (target >= 0.95)\n",
		sg.Seconds(), mbs(sg), b.Seconds()/sg.Seconds())
	fmt.Printf("pipeline, check stage (validate + sha256)  %6.2f s  %7.0f MB/s\n", ck.Seconds(), mbs(ck))
	fmt.Printf("pipeline, whole (add to done)              %6.2f s  %7.0f MB/s  ratio %.2f\n", wh.Seconds(), mbs(wh), b.Seconds()/wh.Seconds())
	return nil
}

func bareStore(p profile.Profile, password, path, remote string) (time.Duration, error) {
	cfg, err := p.ClientConfig(password)
	if err != nil {
		return 0, err
	}
	sess, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		return 0, err
	}
	defer sess.Quit()
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	start := time.Now()
	if err := sess.Store(remote, f, 0); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

type pipelineTimes struct{ whole, check, transfer time.Duration }

// pipeline sends the file through the service and times its stages from the events.
func pipeline(p profile.Profile, password, path, state string) (pipelineTimes, error) {
	var t pipelineTimes
	j, err := uploader.OpenJournal(state)
	if err != nil {
		return t, err
	}
	defer j.Close()
	svc, err := uploader.New(uploader.Options{Journal: j,
		Validate: func(_ context.Context, path string, _ profile.Profile) (*validate.Report, error) {
			return validate.File(path, validate.Options{})
		}})
	if err != nil {
		return t, err
	}
	// Connect first, as the bare transfer does before its clock starts.
	var waiting, connected, done time.Time
	var failure string
	events := make(chan uploader.Event, 1024)
	unsub := svc.Subscribe(func(e uploader.Event) { events <- e })
	svc.SetProfile(p, password)
	start := time.Now()
	if _, err := svc.Add(path); err != nil {
		return t, err
	}
	svc.Start()
	for e := range events {
		switch e.Kind {
		case uploader.EventWaiting:
			waiting = e.Time
		case uploader.EventUploading:
			if connected.IsZero() {
				connected = e.Time
			}
		case uploader.EventDone:
			done = e.Time
		case uploader.EventFailed, uploader.EventInvalid:
			failure = fmt.Sprintf("%s: %s %s", e.Kind, e.Err, e.Note)
		}
		if e.Kind == uploader.EventBatchDone {
			break
		}
	}
	_ = svc.Close()
	unsub()
	if failure != "" {
		return t, fmt.Errorf("%s", failure)
	}
	t.whole = done.Sub(start)
	t.check = waiting.Sub(start)
	t.transfer = done.Sub(connected)
	return t, nil
}
