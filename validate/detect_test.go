package validate_test

import (
	"bytes"
	"strings"
	"testing"

	"exchange/internal/samples"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

func detect(t *testing.T, data []byte) validate.Detection {
	t.Helper()
	d, err := validate.Detect(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	return d
}

func TestDetectKinds(t *testing.T) {
	al3 := al3gen.Valid(al3gen.CRLF)
	ole2 := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	xlsx := al3gen.Zip(map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<workbook/>")})
	for name, c := range map[string]struct {
		data []byte
		kind validate.Kind
	}{
		"AL3":          {al3, validate.KindAL3},
		"AL3 with BOM": {append([]byte("\xEF\xBB\xBF"), al3...), validate.KindAL3},
		"packed AL3":   {al3gen.Valid(al3gen.Layout{}), validate.KindAL3},
		"xlsx":         {xlsx, validate.KindXLSX},
		"OLE2":         {ole2, validate.KindXLS},
	} {
		t.Run(name, func(t *testing.T) {
			d := detect(t, c.data)
			if d.Kind != c.kind || d.Finding != nil {
				t.Errorf("kind = %s (finding %+v), want %s", d.Kind, d.Finding, c.kind)
			}
		})
	}
}

func TestDetectRejects(t *testing.T) {
	al3 := al3gen.Valid(al3gen.CRLF)
	cases := []struct {
		name, rule string
		data       []byte
		words      []string // the sentence must contain each
	}{
		{"empty", "al3/empty", nil, []string{"empty"}},
		{"blank", "al3/empty", []byte(" \r\n\t\r\n"), []string{"empty"}},
		{"zip of AL3", "al3/archive", al3gen.Zip(map[string][]byte{"POLICY.AL3": al3, "notes.txt": []byte("hello")}), []string{"ZIP", "Extract", "POLICY.AL3"}},
		{"zip of other", "al3/archive", al3gen.Zip(map[string][]byte{"notes.txt": []byte("hello")}), []string{"ZIP", "none"}},
		{"gzip of AL3", "al3/archive", al3gen.Gzip(al3), []string{"gzip", "Decompress"}},
		{"EBCDIC", "al3/ebcdic", al3gen.EBCDIC(al3), []string{"EBCDIC"}},
		{"PDF", "al3/not-al3", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), []string{"PDF"}},
		{"ACORD XML", "al3/not-al3", []byte(`<?xml version="1.0"?>` + "\n<ACORD><SignonRq/></ACORD>\n"), []string{"ACORD XML"}},
		{"CSV", "al3/not-al3", []byte("policy,insured,premium\r\nP1,Smith,100\r\nP2,Jones,200\r\n"), []string{"CSV"}},
		{"GPS almanac", "al3/not-al3", []byte("31  CURRENT.ALM\r\n 799 147456\r\n\r\n1\r\n63\r\n0\r\n"), []string{"GPS almanac"}},
		{"starts with a data group", "al3/not-al3", al3[bytes.Index(al3, []byte("2TRG")):], []string{"2TRG", "beginning is missing"}},
		{"docx", "al3/not-al3", al3gen.Zip(map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w/>")}), []string{"Word"}},
		{"binary", "al3/not-al3", []byte{0, 1, 2, 3, 'A'}, []string{`\x00\x01`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := detect(t, c.data)
			if d.Kind != validate.KindUnknown || d.Finding == nil {
				t.Fatalf("kind = %s, finding %+v", d.Kind, d.Finding)
			}
			if d.Finding.Rule != c.rule || d.Finding.Severity != validate.SeverityError {
				t.Errorf("finding = %+v, want rule %s", d.Finding, c.rule)
			}
			for _, w := range c.words {
				if !strings.Contains(d.Finding.Text, w) {
					t.Errorf("sentence %q lacks %q", d.Finding.Text, w)
				}
			}
		})
	}
}

// TestDetectGPSAlmanacSample uses the real negative sample: a .al3 file that is not ACORD.
func TestDetectGPSAlmanacSample(t *testing.T) {
	data := samples.Read(t, "negative", "gps-sem-almanac.al3")
	d := detect(t, data)
	if d.Kind != validate.KindUnknown || d.Finding == nil || !strings.Contains(d.Finding.Text, "GPS almanac") {
		t.Fatalf("detection = %+v %+v", d.Kind, d.Finding)
	}
}
