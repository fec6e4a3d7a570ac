package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"exchange/uploader"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// Names that would repaint the terminal or forge a line if printed raw.
var hostileNames = []string{
	"evil\x1b]0;pwned\x07\x1b[2J.al3",                        // retitle the window, clear the screen
	"fake\r\nsent     x.al3 -> in-x.al3 (1 kB in 0.1 s).al3", // a forged line
	"bidi\u202egpj.al3",                                      // right-to-left override
	"c1\u009b31m.al3",                                        // 8-bit CSI
	"latin1-\xe9t\xe9.al3",                                   // not UTF-8
	"tab\there.al3",
}

// rawControl returns the first control character of out other than the
// newline that ends each line, or -1.
func rawControl(out string) rune {
	for _, r := range out {
		if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u202e') {
			return r
		}
	}
	return -1
}

func TestSafeNameAndText(t *testing.T) {
	for in, want := range map[string]string{
		"plain name.al3":               "plain name.al3",
		"école – été.al3":              "école – été.al3",
		"a\x1b[2Jb":                    `"a\x1b[2Jb"`,
		"a\r\nb":                       `"a\r\nb"`,
		"\"quoted\".al3":               `"\"quoted\".al3"`,
		"x\xe9":                        `"x\xe9"`,
		"bidi\u202ex":                  `"bidi\u202ex"`,
		`back\slash.al3`:               `back\slash.al3`,
		"nbsp\u00a0looks-like-a-space": `"nbsp\u00a0looks-like-a-space"`,
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"The server said: 550 no":      "The server said: 550 no",
		"550 a\x1b[31mred\r\n226 fake": `550 a\x1b[31mred\r\n226 fake`,
		"\"x\" is not valid":           "\"x\" is not valid",
		"bad byte \xff here":           `bad byte \xff here`,
	} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestValidateEscapesHostileNames(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows file names cannot hold control characters (ESC, CR, LF): no such file can exist there")
	}
	dir := t.TempDir()
	var paths []string
	for _, name := range hostileNames {
		paths = append(paths, writeFile(t, dir, name, al3gen.Valid(al3gen.CRLF)))
	}
	code, out, errOut := run(append([]string{"validate"}, paths...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if r := rawControl(out + errOut); r >= 0 {
		t.Errorf("raw control character %U on the terminal:\n%s", r, out)
	}
	for _, p := range paths {
		if !strings.Contains(out, safeName(p)+": ACORD AL3, valid") {
			t.Errorf("no escaped line for %q:\n%s", p, out)
		}
	}
	if got := strings.Count(out, ": ACORD AL3, valid"); got != len(paths) || strings.Count(out, "\nsent ") > 0 {
		t.Errorf("%d verdict lines for %d files, or a forged line:\n%s", got, len(paths), out)
	}
	// A name that cannot be read is escaped on stderr too.
	_, _, errOut = run("validate", filepath.Join(dir, "gone\x1b[2J.al3"))
	if r := rawControl(errOut); r >= 0 || !strings.Contains(errOut, `gone\x1b[2J.al3`) {
		t.Errorf("stderr %q", errOut)
	}

	// JSON stays exact: the name decodes to the bytes of the file name (when
	// they are UTF-8; encoding/json cannot carry other bytes).
	_, out, _ = run(append([]string{"validate", "--json"}, paths...)...)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(paths) {
		t.Fatalf("%d JSON lines for %d files:\n%s", len(lines), len(paths), out)
	}
	for i, l := range lines {
		var rep validate.Report
		if err := json.Unmarshal([]byte(l), &rep); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if rawControl(l) >= 0 {
			t.Errorf("JSON line %d has a raw control character: %q", i, l)
		}
		if want := strings.ToValidUTF8(paths[i], "\uFFFD"); rep.Path != want {
			t.Errorf("JSON path %q, want %q", rep.Path, want)
		}
	}
}

func TestUploadPrinterEscapesHostileText(t *testing.T) {
	var out bytes.Buffer
	p := newUploadPrinter(&out, false)
	rep := &validate.Report{Findings: []validate.Finding{{Rule: "al3/x", Severity: validate.SeverityError, Text: "group \x1b[2J"}}}
	for i, name := range hostileNames {
		id := uploader.ItemID(fmt.Sprint(i))
		p.event(uploader.Event{Kind: uploader.EventDone, Item: id, Path: "/x/" + name, RemotePath: "/in/" + name, Note: "resumed\r\nat 0"})
		p.event(uploader.Event{Kind: uploader.EventFailed, Item: id, Path: "/x/" + name, Err: "550 \x1b[31m" + name, Hint: "hint\n"})
		p.event(uploader.Event{Kind: uploader.EventRetrying, Item: id, Path: "/x/" + name, Err: "421\r\n"})
		p.event(uploader.Event{Kind: uploader.EventSkipped, Item: id, Path: "/x/" + name, Note: "already sent as /in/" + name})
		p.event(uploader.Event{Kind: uploader.EventInvalid, Item: id, Path: "/x/" + name, Note: "1 error", Report: rep})
		if l := progressLine(uploader.Event{Kind: uploader.EventUploading, Path: "/x/" + name, Total: 10}); rawControl(l) >= 0 {
			t.Errorf("progress line %q", l)
		}
	}
	if r := rawControl(out.String()); r >= 0 {
		t.Errorf("raw control character %U:\n%s", r, out.String())
	}
	if !strings.Contains(out.String(), `sent     "fake\r\nsent     x.al3`) {
		t.Errorf("the forged line is not shown escaped:\n%s", out.String())
	}
}
