package ftpclient

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// readReplies reads replies from r until the first error, with small budgets.
func readReplies(r io.Reader) (codes []int, texts []string, err error) {
	c := &control{r: bufio.NewReaderSize(r, 16), maxLine: 256, maxReply: 1024}
	for {
		code, text, err := c.reply()
		if err != nil {
			return codes, texts, err
		}
		codes, texts = append(codes, code), append(texts, text)
	}
}

// FuzzReplies: any byte stream read as replies never panics, gives only
// valid codes and texts within the budgets, and reads the same whether it
// arrives at once or byte by byte.
func FuzzReplies(f *testing.F) {
	for _, seed := range []string{
		"220 ready\r\n",
		"220-Welcome\r\n220-second\r\n220 ready\r\n",
		"211-Features:\r\n MDTM\r\n HASH SHA-256*;MD5\r\n UTF8\r\n211 End\r\n",
		"230-line\n230 no CR\n",
		"257 \"/in \"\"quoted\"\"\" is current\r\n",
		"213 1234\r\n213 SHA-256 0-9 abcdef f.al3\r\n",
		"226\r\n",
		"220 " + strings.Repeat("x", 300) + "\r\n",
		strings.Repeat("220-x\r\n", 200),
		"\x16\x03\x01\x00\x05hello",
		"999 bad\r\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		codes, texts, err := readReplies(bytes.NewReader(in))
		for i, code := range codes {
			if code < 100 || code > 599 {
				t.Fatalf("code %d accepted", code)
			}
			if len(texts[i]) > 1024 {
				t.Fatalf("reply of %d bytes passed the 1024-byte budget", len(texts[i]))
			}
		}
		var tooLong *ReplyTooLongError
		if errors.As(err, &tooLong) && tooLong.Line && len(in) <= 256 {
			t.Fatalf("line budget hit by %d bytes of input", len(in))
		}
		codes1, texts1, err1 := readReplies(iotest.OneByteReader(bytes.NewReader(in)))
		if !equalInts(codes, codes1) || strings.Join(texts, "\x00") != strings.Join(texts1, "\x00") || (err == nil) != (err1 == nil) {
			t.Fatalf("read at once: %v %q %v; byte by byte: %v %q %v", codes, texts, err, codes1, texts1, err1)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzFeatures: a FEAT reply body gives upper-case feature names without
// spaces, and every name comes from an indented line.
func FuzzFeatures(f *testing.F) {
	for _, seed := range []string{
		"Features:\n MDTM\n HASH SHA-256*;MD5\n UTF8\nEnd",
		"Extensions supported:\n EPRT\n  SIZE  \n\tREST STREAM\nEnd",
		"No features\n",
		" \n  \n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for name := range parseFeatures(text) {
			if name == "" || name != strings.ToUpper(name) || strings.ContainsAny(name, " \n") {
				t.Fatalf("feature name %q from %q", name, text)
			}
		}
	})
}

// FuzzQuotedPath: a path quoted as RFC 959 says (quotes doubled), followed
// by a space and any comment, comes back as it was.
func FuzzQuotedPath(f *testing.F) {
	for _, seed := range [][2]string{
		{"/in", " is current directory"},
		{`/a "b"`, ` created`},
		{"/", `"quoted" comment`},
		{"", ""},
		{"/dir with spaces/ü", " ok"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, comment string) {
		if strings.ContainsAny(path, "\r\n") {
			return
		}
		// RFC 959: 257 "<name>" <commentary>: a space before the comment
		// (a quote right after the closing one would read as a doubled quote).
		text := `"` + strings.ReplaceAll(path, `"`, `""`) + `"`
		if comment != "" {
			text += " " + comment
		}
		if got := quotedPath(text); got != path {
			t.Fatalf("quotedPath(%q) = %q, want %q", text, got, path)
		}
		_ = quotedPath(comment) // any text: no panic
	})
}

// FuzzSizeReply: a SIZE reply gives a non-negative number that prints back
// as the digits the server sent (leading zeros aside), or an error.
func FuzzSizeReply(f *testing.F) {
	for _, seed := range []string{"1234", " 0 ", "-5", "+7", "12 34", "99999999999999999999", "0x10", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, err := parseSizeReply(text)
		if err != nil {
			return
		}
		if n < 0 {
			t.Fatalf("negative size %d from %q", n, text)
		}
		digits := strings.TrimLeft(strings.TrimSpace(text), "0")
		if digits == "" {
			digits = "0"
		}
		if strconv.FormatInt(n, 10) != digits {
			t.Fatalf("size %d from %q", n, text)
		}
	})
}

// FuzzHashReplies: HASH and XSHA/XMD5/XCRC replies give a lower-case hex
// checksum of the algorithm's length, or an error.
func FuzzHashReplies(f *testing.F) {
	for _, seed := range []string{
		"SHA-256 0-1233 " + strings.Repeat("ab", 32) + " f.al3",
		"MD5 0-9 " + strings.Repeat("0F", 16) + " name with spaces",
		"CRC32 0-9 1a2b f",
		"SHA-256 0-9 " + strings.Repeat("ab", 32),
		"SHA-512",
		"/in/f.al3 " + strings.Repeat("cd", 16),
		"ffffffff",
		"zz",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		check := func(algo, sum string) {
			want, known := hashHexLen[algo]
			if !known {
				t.Fatalf("sum %q for unknown algorithm %q", sum, algo)
			}
			if _, err := hex.DecodeString(sum); err != nil || len(sum) != want || sum != strings.ToLower(sum) {
				t.Fatalf("%s checksum %q from %q", algo, sum, text)
			}
		}
		for _, want := range hashPreference {
			if sum, err := parseHashReply(want, text); err == nil {
				check(strings.ToLower(want), sum)
			}
		}
		for _, a := range []string{"sha-256", "sha-1", "md5", "crc32"} {
			if sum, err := parseXHashReply(a, text); err == nil {
				check(a, sum)
			}
		}
	})
}
