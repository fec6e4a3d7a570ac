package excel

import (
	"bytes"
	"testing"
)

// TestLegacyPaddedStream: xlwt pads the Workbook stream with zero bytes after
// the last EOF (to 4,096 bytes); Excel and LibreOffice open such files, so
// the padding is not truncation, whatever its length. Damage is still found.
func TestLegacyPaddedStream(t *testing.T) {
	records := append(append(bof(), boundsheetRecord("Policies", false)...), eof()...)
	records = append(append(records, bof()...), eof()...)
	for extra := 0; extra < 8; extra++ { // every remainder modulo 4 (past 4,096 bytes: no filler added)
		stream := append(append([]byte{}, records...), make([]byte, 4100+extra)...)
		cf := compoundFile(map[string][]byte{"Workbook": stream}, []string{"Workbook"})
		fs, sum, _, err := CheckLegacy(bytes.NewReader(cf), int64(len(cf)))
		if err != nil || len(fs) != 0 || len(sum.Sheets) != 1 {
			t.Errorf("padding of %d bytes: findings %+v, sheets %+v, err %v", 4100+extra, fs, sum.Sheets, err)
		}
	}
	for name, stream := range map[string][]byte{
		"cut inside a sheet, then zeros": append(append(append(bof(), eof()...), bof()...), make([]byte, 999)...),
		"data after the padding":         append(append(append(append(bof(), eof()...), make([]byte, 64)...), bof()...), eof()...),
		"half a record header":           append(append(bof(), eof()...), 0x0A, 0x00),
	} {
		cf := compoundFile(map[string][]byte{"Workbook": stream}, []string{"Workbook"})
		fs, _, _, err := CheckLegacy(bytes.NewReader(cf), int64(len(cf)))
		if err != nil || len(fs) != 1 || fs[0].Rule != RuleLegacyCorrupt {
			t.Errorf("%s: findings %+v, err %v, want %s", name, fs, err, RuleLegacyCorrupt)
		}
	}
}
