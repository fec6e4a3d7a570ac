package desktop

import (
	"os"

	"exchange/app"
	"exchange/logfile"
)

// openLog opens the application's log file (logfile; the level from
// EXCHANGE_LOG_LEVEL: debug adds the FTP protocol, for a support case). A
// log that cannot be opened is said in the Log tab; the program goes on.
func (d *Desktop) openLog() {
	d.logger = logfile.Discard()
	level, err := logfile.ParseLevel(os.Getenv(logfile.LevelVariable))
	if err != nil {
		d.Log.Add("log file: " + err.Error())
	}
	l, err := logfile.Open(logfile.Options{Level: level})
	if err != nil {
		d.Log.Add("log file: " + err.Error())
		return
	}
	d.logFile, d.logger = l, l.With("program", "window")
	d.logger.Info("start", "log_dir", l.Dir())
}

// logEvents writes the service's events to the log file until unsubscribed.
func (d *Desktop) logEvents() {
	d.unlog = d.Service.Subscribe(app.LogEvents(d.logger))
}

// protocolLog is where one connection's protocol lines go: the Log tab always
// shows them (numbered per connection), the log file at debug level.
func (d *Desktop) protocolLog() func(string) {
	window := d.Log.Connection() // the Log tab numbers each connection
	return func(line string) {
		window(line)
		d.logger.Debug(line, "source", "ftp")
	}
}

// closeLog ends the log file after the service has delivered its last events.
func (d *Desktop) closeLog() error {
	if d.unlog != nil {
		d.unlog()
	}
	if d.logFile == nil {
		return nil
	}
	return d.logFile.Close()
}

// logDir is the log file's folder, "" when there is none.
func (d *Desktop) logDir() string {
	if d.logFile == nil {
		return ""
	}
	return d.logFile.Dir()
}
