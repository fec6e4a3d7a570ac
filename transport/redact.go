package transport

import "strings"

// RedactLine masks the argument of a PASS command (and of ACCT) so that a
// protocol log never shows a password.
func RedactLine(line string) string {
	t := strings.TrimLeft(line, " ")
	for _, cmd := range []string{"PASS", "ACCT"} {
		if len(t) >= len(cmd) && strings.EqualFold(t[:len(cmd)], cmd) && (len(t) == len(cmd) || t[len(cmd)] == ' ') {
			return cmd + " ****"
		}
	}
	return line
}

// RedactedLog is log with every line passed through RedactLine first; nil stays nil.
func RedactedLog(log func(string)) func(string) {
	if log == nil {
		return nil
	}
	return func(line string) { log(RedactLine(line)) }
}
