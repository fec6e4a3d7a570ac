package ftptest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"
)

// clockTicks is the unit of the times in /proc/PID/stat (USER_HZ), 100 on
// every Linux architecture Exchange builds for.
const clockTicks = 100

// CPUTime is the processor time the server's process has used so far, with
// that of its sessions that have ended (vsftpd, pure-ftpd and proftpd fork a
// process per session and reap it when it ends). It reads /proc (Linux), in
// steps of 10 ms. For the in-process server it is an error: that time is the
// test's own.
func (s *Server) CPUTime() (time.Duration, error) {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0, errors.New("ftptest: the server runs in this process")
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("ftptest: server CPU time: %w", err)
	}
	ticks, err := statCPUTicks(data)
	if err != nil {
		return 0, fmt.Errorf("ftptest: server CPU time: %w", err)
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// statCPUTicks sums utime, stime, cutime and cstime (fields 14 to 17) of a
// /proc/PID/stat line. The command name (field 2) is in parentheses and may
// hold spaces and parentheses itself, so fields are counted after its last ')'.
func statCPUTicks(stat []byte) (int64, error) {
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, errors.New("no command name in the stat line")
	}
	fields := bytes.Fields(stat[end+1:]) // fields[0] is field 3 (state)
	if len(fields) < 15 {
		return 0, fmt.Errorf("stat line has %d fields after the name, want at least 15", len(fields))
	}
	var sum int64
	for _, f := range fields[11:15] {
		n, err := strconv.ParseInt(string(f), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("stat field %q: %w", f, err)
		}
		sum += n
	}
	return sum, nil
}
