package app

import (
	"log/slog"

	"exchange/uploader"
)

// LogEvents writes the service's events to the application's log: each
// decision and failure at info, warn or error, the steps in between at debug.
func LogEvents(log *slog.Logger) func(uploader.Event) {
	return func(e uploader.Event) {
		attrs := []any{"path", e.Path, "profile", e.Profile}
		switch e.Kind {
		case uploader.EventDone:
			log.Info("sent", append(attrs, "remote", e.RemotePath, "size", e.Size, "duration", e.Duration, "note", e.Note)...)
		case uploader.EventSkipped, uploader.EventCanceled, uploader.EventRemoved:
			log.Info(string(e.Kind), append(attrs, "note", e.Note)...)
		case uploader.EventInvalid:
			log.Warn("invalid", append(attrs, "note", e.Note)...)
		case uploader.EventRetrying:
			log.Warn("retrying", append(attrs, "error", e.Err, "attempt", e.Attempt, "retry_in", e.RetryIn)...)
		case uploader.EventFailed:
			log.Error("failed", append(attrs, "error", e.Err, "class", e.ErrClass, "hint", e.Hint, "note", e.Note)...)
		case uploader.EventBatchDone:
			log.Info("batch done", "sent", e.Sent, "failed", e.Failed, "invalid", e.Invalid, "skipped", e.Skipped)
		case uploader.EventPaused, uploader.EventResumed, uploader.EventLeftover:
			log.Info(string(e.Kind), append(attrs, "note", e.Note)...)
		default:
			log.Debug(string(e.Kind), append(attrs, "bytes", e.Bytes, "total", e.Total, "note", e.Note)...)
		}
	}
}
