package excel

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"

	"exchange/validate/report"
)

// OLEKind is what an OLE2 compound file holds.
type OLEKind int

const (
	OLEOther          OLEKind = iota // some other document (.doc, .msg…)
	OLELegacyWorkbook                // a BIFF workbook (.xls): a Workbook or Book stream
	OLEEncryptedOOXML                // a password-protected .xlsx (EncryptedPackage)
)

// ProbeOLE looks at the streams of a compound file. A file that is not a
// readable compound file is an error.
func ProbeOLE(r io.ReaderAt, size int64) (OLEKind, error) {
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return OLEOther, fmt.Errorf("compound file: %w", err)
	}
	kind := OLEOther
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return OLEEncryptedOOXML, nil
		case "Workbook", "Book":
			kind = OLELegacyWorkbook
		}
	}
	return kind, nil
}

// EncryptedFinding is the finding for a password-protected workbook.
func EncryptedFinding() report.Finding {
	return finding(RuleEncrypted, report.SeverityError, "", "",
		"This workbook is protected by a password, so the agency system cannot read it. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it), save, and add it again.")
}

// BIFF record types the check needs.
const (
	recBOF        = 0x0809
	recBOFv2      = 0x0009
	recBOFv3      = 0x0209
	recBOFv4      = 0x0409
	recEOF        = 0x000A
	recFILEPASS   = 0x002F
	recBOUNDSHEET = 0x0085
)

// CheckLegacy checks a legacy .xls: the compound file, then the Workbook
// stream walked record by record (BOF first, record lengths to the end, an
// EOF for every BOF, FILEPASS for a password, sheet names and visibility).
// The string says what was checked.
func CheckLegacy(r io.ReaderAt, size int64) ([]report.Finding, *report.ExcelSummary, string, error) {
	checked := "compound file and Workbook stream (BIFF records from BOF to EOF, password, sheets); cell contents of .xls are not checked"
	sum := &report.ExcelSummary{}
	corrupt := func(text string) ([]report.Finding, *report.ExcelSummary, string, error) {
		return []report.Finding{finding(RuleLegacyCorrupt, report.SeverityError, "", "", text)}, sum, checked, nil
	}
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return corrupt("This .xls file is damaged (its compound-file structure cannot be read). Open it in Excel and save it again, preferably as .xlsx.")
	}
	var stream io.Reader
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return []report.Finding{EncryptedFinding()}, sum, checked, nil
		case "Workbook": // BIFF8, what Excel 97 and later read; preferred
			stream = e
		case "Book": // BIFF5/7, alone in old files, beside Workbook in dual-format ones
			if stream == nil {
				stream = e
			}
		}
	}
	if stream == nil {
		return corrupt("This compound file holds no Workbook stream: it is not an Excel workbook (perhaps another Office document saved with an .xls name).")
	}
	br := bufio.NewReaderSize(stream, 64<<10)
	var hdr [4]byte
	depth, records := 0, 0
	biff5 := false // the globals' BOF says BIFF5/7: sheet names are 8-bit, without flags
	var fs []report.Finding
	for {
		if n, err := io.ReadFull(br, hdr[:]); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, io.ErrUnexpectedEOF) && depth == 0 && records > 0 && allZero(hdr[:n]) {
				break // padding of fewer than four bytes after the last EOF
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return corrupt(fmt.Sprintf("The Workbook stream of this .xls ends in the middle of a record header (after %d records): the file is truncated.", records))
			}
			return nil, nil, checked, fmt.Errorf("read Workbook stream: %w", err)
		}
		if depth == 0 && records > 0 && hdr == [4]byte{} {
			// After the last substream's EOF: zero bytes to the end are padding
			// (xlwt pads the stream to 4,096 bytes, Excel and LibreOffice open
			// such files). Anything else after them is damage.
			if at, ok, err := zerosToEnd(br); err != nil {
				return nil, nil, checked, fmt.Errorf("read Workbook stream: %w", err)
			} else if !ok {
				return corrupt(fmt.Sprintf("The Workbook stream holds data after its padding (after %d records, %d bytes into the padding): the workbook structure is damaged.", records, at+4))
			}
			break
		}
		typ, n := binary.LittleEndian.Uint16(hdr[:2]), int(binary.LittleEndian.Uint16(hdr[2:]))
		if records == 0 && typ != recBOF && typ != recBOFv2 && typ != recBOFv3 && typ != recBOFv4 {
			return corrupt(fmt.Sprintf("The Workbook stream does not start with a BOF record (found record type 0x%04X): this is not a readable Excel workbook.", typ))
		}
		records++
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return corrupt(fmt.Sprintf("Record %d of the Workbook stream (type 0x%04X) declares %d bytes but the stream ends first: the file is truncated.", records, typ, n))
			}
			return nil, nil, checked, fmt.Errorf("read Workbook stream: %w", err)
		}
		switch typ {
		case recBOF, recBOFv2, recBOFv3, recBOFv4:
			if records == 1 && len(body) >= 2 {
				biff5 = binary.LittleEndian.Uint16(body) == 0x0500
			}
			depth++
		case recEOF:
			depth--
		case recFILEPASS:
			return []report.Finding{finding(RuleLegacyEncrypted, report.SeverityError, "", "",
				"This .xls workbook is protected by a password, so the agency system cannot read it. Open it in Excel, remove the password, save (preferably as .xlsx) and add it again.")}, sum, checked, nil
		case recBOUNDSHEET:
			if name, hidden, ok := boundSheet(body, biff5); ok {
				sum.Sheets = append(sum.Sheets, report.SheetSummary{Name: name, Hidden: hidden})
				if hidden {
					fs = append(fs, finding(RuleLegacyHiddenSheet, report.SeverityInfo, name, "", fmt.Sprintf("The sheet %q is hidden. Its data is sent too.", name)))
				}
			}
		}
		if depth < 0 {
			return corrupt(fmt.Sprintf("Record %d of the Workbook stream is an EOF without a matching BOF: the workbook structure is damaged.", records))
		}
	}
	if depth != 0 {
		return corrupt("The Workbook stream ends before the workbook's last part is closed (missing EOF record): the file is truncated or damaged.")
	}
	return fs, sum, checked, nil
}

// zerosToEnd reads r to its end and reports whether every byte is zero; when
// not, at is the index of the first byte that is not.
func zerosToEnd(r io.Reader) (at int64, ok bool, err error) {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		for i, c := range buf[:n] {
			if c != 0 {
				return at + int64(i), false, nil
			}
		}
		at += int64(n)
		if errors.Is(err, io.EOF) {
			return at, true, nil
		}
		if err != nil {
			return at, false, err
		}
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// boundSheet reads a BOUNDSHEET record: stream position (4), hidden state
// (1), type (1), name length (1), then in BIFF8 flags (1: bit 0 = UTF-16) and
// the name, in BIFF5/7 the 8-bit name.
func boundSheet(b []byte, biff5 bool) (name string, hidden bool, ok bool) {
	if len(b) < 7 || len(b) < 8 && !biff5 {
		return "", false, false
	}
	hidden = b[4]&0x03 != 0
	n, wide, raw := int(b[6]), false, b[7:]
	if !biff5 {
		wide, raw = b[7]&1 == 1, b[8:]
	}
	if wide {
		if len(raw) < 2*n {
			return "", hidden, false
		}
		u := make([]uint16, n)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(raw[2*i:])
		}
		return string(utf16.Decode(u)), hidden, true
	}
	if len(raw) < n {
		return "", hidden, false
	}
	var sb strings.Builder
	for _, c := range raw[:n] {
		sb.WriteRune(rune(c)) // Latin-1
	}
	return sb.String(), hidden, true
}
