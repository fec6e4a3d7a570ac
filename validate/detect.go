package validate

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"exchange/validate/al3"
	"exchange/validate/excel"
	"exchange/validate/report"
)

// headSize is how much of a file detection looks at.
const headSize = 4096

// Detection is what the content of a file turned out to be.
type Detection struct {
	Kind report.Kind
	// Finding says why a file of KindUnknown is rejected, in words for the
	// clerk (a ZIP to extract, a PDF, EBCDIC…). It is nil for the other kinds.
	Finding *report.Finding
}

// Signatures of the kinds detection knows.
var (
	sigOLE2   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sigZip    = []byte("PK\x03\x04")
	sigZipEnd = []byte("PK\x05\x06") // an empty archive
	sigGzip   = []byte{0x1F, 0x8B}
	sigEBCDIC = []byte{0xF1, 0xD4, 0xC8, 0xC7} // "1MHG" in code page 037
	sigBOM    = []byte{0xEF, 0xBB, 0xBF}
	sigAL3    = []byte("1MHG")
)

// Detect decides the kind of a file from its content, never from its name:
// AL3 (starts with 1MHG, after an optional UTF-8 byte-order mark), an OOXML
// workbook (a ZIP holding [Content_Types].xml and xl/), or an OLE2 compound
// file (legacy xls, or a password-protected OOXML workbook, which the Excel
// checker tells apart). For anything else it returns KindUnknown and a finding
// that names what the file seems to be. Only read errors are returned as error.
func Detect(r io.ReaderAt, size int64) (Detection, error) {
	if size == 0 {
		return unknown(al3.RuleEmpty, -1, "The file is empty."), nil
	}
	head := make([]byte, min(size, headSize))
	if n, err := r.ReadAt(head, 0); n < len(head) {
		return Detection{}, fmt.Errorf("reading the start of the file: %w", err)
	}
	text := bytes.TrimPrefix(head, sigBOM)
	switch {
	case bytes.HasPrefix(text, sigAL3):
		return Detection{Kind: report.KindAL3}, nil
	case bytes.HasPrefix(head, sigOLE2):
		return Detection{Kind: report.KindXLS}, nil
	case bytes.HasPrefix(head, sigZip) || bytes.HasPrefix(head, sigZipEnd):
		return detectZip(r, size)
	case bytes.HasPrefix(head, sigGzip):
		return detectGzip(r, size), nil
	case bytes.HasPrefix(head, sigEBCDIC):
		return unknown(al3.RuleEBCDIC, 0,
			"The file appears to be EBCDIC (mainframe) encoded. It must be converted to ASCII before upload."), nil
	}
	if blank(head) {
		all, err := allBlank(r, size)
		if err != nil {
			return Detection{}, err
		}
		if all {
			return unknown(al3.RuleEmpty, -1, "The file is empty: it holds only blank characters."), nil
		}
	}
	return unknown(al3.RuleNotAL3, 0, notAL3Sentence(text)), nil
}

func unknown(rule string, offset int64, text string) Detection {
	return Detection{Kind: report.KindUnknown, Finding: &report.Finding{
		Rule: rule, Severity: report.SeverityError, Offset: offset, Text: text,
	}}
}

// maxZipEntries bounds how many entries of an archive are looked into.
const maxZipEntries = 1000

// detectZip tells an OOXML workbook from any other ZIP archive, and lists the
// AL3 files an archive holds.
func detectZip(r io.ReaderAt, size int64) (Detection, error) {
	if _, err := excel.CountZipEntries(r, size, excel.DefaultMaxParts); errors.Is(err, excel.ErrTooManyParts) {
		// archive/zip would hold the whole directory in memory: not read
		return unknown(al3.RuleArchive, 0, fmt.Sprintf(
			"This ZIP archive holds more than %d files: it is neither an AL3 file nor a normal workbook. It was not opened.", excel.DefaultMaxParts)), nil
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		if !damagedZip(err) {
			return Detection{}, fmt.Errorf("reading the ZIP directory: %w", err)
		}
		return unknown(al3.RuleArchive, 0,
			"This is a ZIP archive (damaged or incomplete), not an AL3 file. Get the archive again, extract the .AL3/.DAT file(s) inside and upload those."), nil
	}
	var contentTypes, workbook, word bool
	for _, f := range zr.File {
		name := f.Name
		switch {
		case name == "[Content_Types].xml":
			contentTypes = true
		case strings.HasPrefix(name, "xl/"):
			workbook = true
		case strings.HasPrefix(name, "word/"):
			word = true
		}
	}
	switch {
	case contentTypes && workbook:
		// the Excel checker's budgets decide about its parts; none is opened here
		return Detection{Kind: report.KindXLSX}, nil
	case contentTypes && word:
		return unknown(al3.RuleNotAL3, 0, "This is a Word document, not an AL3 file or an Excel workbook."), nil
	}
	var al3Files []string
	for i, f := range zr.File {
		if i < maxZipEntries && !f.FileInfo().IsDir() && looksAL3(f) {
			al3Files = append(al3Files, f.Name)
		}
	}
	switch {
	case len(al3Files) > 0:
		shownFiles := al3Files
		more := ""
		if len(shownFiles) > 10 {
			more = fmt.Sprintf(" and %d more", len(shownFiles)-10)
			shownFiles = shownFiles[:10]
		}
		return unknown(al3.RuleArchive, 0, fmt.Sprintf(
			"This is a ZIP archive, not an AL3 file. Extract the AL3 file(s) inside (%s%s) and upload those.",
			strings.Join(shownFiles, ", "), more)), nil
	default:
		return unknown(al3.RuleArchive, 0, fmt.Sprintf(
			"This is a ZIP archive of %d file(s), none of which is an AL3 file. Extract the file you mean to send and upload it.", len(zr.File))), nil
	}
}

// damagedZip tells a ZIP format error (the content is bad) from a read error.
func damagedZip(err error) bool {
	for _, e := range []error{zip.ErrFormat, zip.ErrAlgorithm, zip.ErrChecksum, zip.ErrInsecurePath, io.EOF, io.ErrUnexpectedEOF} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// looksAL3 reports whether a ZIP entry is an AL3 file by its first bytes, or
// by its extension when it cannot be read.
func looksAL3(f *zip.File) bool {
	rc, err := f.Open()
	if err == nil {
		defer rc.Close()
		head := make([]byte, 7)
		n, _ := io.ReadFull(rc, head)
		if bytes.HasPrefix(bytes.TrimPrefix(head[:n], sigBOM), sigAL3) {
			return true
		}
		if n > 0 {
			return false
		}
	}
	switch strings.ToLower(path.Ext(f.Name)) {
	case ".al3", ".dat":
		return true
	}
	return false
}

// detectGzip names what a gzip file holds when it is AL3.
func detectGzip(r io.ReaderAt, size int64) Detection {
	zr, err := gzip.NewReader(io.NewSectionReader(r, 0, size))
	if err == nil {
		defer zr.Close()
		head := make([]byte, 7)
		n, _ := io.ReadFull(zr, head)
		if bytes.HasPrefix(bytes.TrimPrefix(head[:n], sigBOM), sigAL3) {
			inner := "the AL3 file inside"
			if zr.Name != "" {
				inner = "'" + zr.Name + "'"
			}
			return unknown(al3.RuleArchive, 0, fmt.Sprintf(
				"This is a gzip-compressed AL3 file, not an AL3 file. Decompress it and upload %s.", inner))
		}
	}
	return unknown(al3.RuleArchive, 0,
		"This is a gzip archive, not an AL3 file. Decompress it and upload the .AL3/.DAT file inside.")
}

func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func blank(b []byte) bool {
	for _, c := range b {
		if !isBlank(c) {
			return false
		}
	}
	return true
}

// allBlank reads the whole file and reports whether it is only whitespace.
func allBlank(r io.ReaderAt, size int64) (bool, error) {
	buf := make([]byte, 64<<10)
	for off := int64(0); off < size; {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		if !blank(buf[:n]) {
			return false, nil
		}
		off += int64(n)
		if err != nil && !(errors.Is(err, io.EOF) && off >= size) {
			return false, fmt.Errorf("reading the file at byte %d: %w", off, err)
		}
	}
	return true, nil
}

var (
	groupTag   = regexp.MustCompile(`^[0-9][A-Z]{3}[0-9]{3}`)
	almanac    = regexp.MustCompile(`(?i)^\s*\d+\s+\S+\.alm\s*$`)
	scientific = regexp.MustCompile(`[-+ ]\d\.\d{6,}E[-+]\d\d`)
)

// notAL3Sentence says what a file that is neither AL3 nor a workbook seems to be.
func notAL3Sentence(head []byte) string {
	firstLine, _, _ := bytes.Cut(head, []byte("\n"))
	firstLine = bytes.TrimRight(firstLine, "\r")
	lower := bytes.ToLower(head)
	what := ""
	switch {
	case bytes.HasPrefix(head, []byte("%PDF")):
		what = "This is a PDF document, not an AL3 file. Ask the carrier for the AL3 download itself."
	case bytes.Contains(lower, []byte("<acord")):
		what = "This is ACORD XML, not AL3. It must be sent through the carrier's XML channel, or converted to AL3."
	case bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("<")):
		what = "This is an XML or HTML document, not an AL3 file or an Excel workbook."
	case almanac.Match(firstLine) || len(scientific.FindAll(head, 4)) >= 4:
		what = "This is a GPS almanac (SEM format), which also uses the .al3 extension; it is not an ACORD AL3 download."
	case groupTag.Match(head):
		what = fmt.Sprintf("The file starts with AL3 group '%s' instead of the message header '1MHG': its beginning is missing. Download it again.", head[:4])
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		what = "This is UTF-16 text, not an AL3 file. AL3 files are plain ASCII."
	case bytes.HasPrefix(head, []byte("Rar!")) || bytes.HasPrefix(head, []byte("7z\xBC\xAF")):
		what = "This is a compressed archive (RAR or 7-Zip), not an AL3 file. Extract the .AL3/.DAT file(s) inside and upload those."
	case looksCSV(head):
		what = "This is a CSV (comma-separated) text file, not an AL3 file or an Excel workbook. Open it in Excel and save it as .xlsx if the import expects a workbook."
	}
	start := head[:min(16, len(head))]
	base := fmt.Sprintf("Not an ACORD AL3 file: it should start with the message header '1MHG…' but starts with '%s'.", shownBytes(start))
	if what == "" {
		return base
	}
	return what + " (" + base + ")"
}

// looksCSV reports whether head is printable text whose first lines have the
// same number (at least one) of commas, semicolons or tabs.
func looksCSV(head []byte) bool {
	for _, c := range head {
		if c < 0x20 && c != '\r' && c != '\n' && c != '\t' || c == 0x7F {
			return false
		}
	}
	lines := bytes.Split(bytes.TrimRight(head, "\r\n"), []byte("\n"))
	if len(lines) > 1 && len(head) == headSize {
		lines = lines[:len(lines)-1] // the last line may be cut
	}
	if len(lines) < 2 {
		return false
	}
	for _, sep := range []byte{',', ';', '\t'} {
		n := bytes.Count(lines[0], []byte{sep})
		same := n > 0
		for _, l := range lines[1:min(len(lines), 20)] {
			same = same && bytes.Count(l, []byte{sep}) == n
		}
		if same {
			return true
		}
	}
	return false
}

// shownBytes renders bytes for a sentence: printable ASCII as is, others as \xNN.
func shownBytes(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7F {
			s.WriteByte(c)
		} else {
			fmt.Fprintf(&s, `\x%02X`, c)
		}
	}
	return s.String()
}
