package validate_test

import (
	"bytes"
	"testing"

	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// FuzzDetect: detection and the public Reader never panic or hang, and an
// unknown kind always comes with its reason.
func FuzzDetect(f *testing.F) {
	al3 := al3gen.Valid(al3gen.CRLF)
	for _, c := range al3gen.Cases() {
		f.Add(c.Data)
	}
	f.Add(al3gen.Zip(map[string][]byte{"A.AL3": al3, "b/c.dat": al3}))
	f.Add(al3gen.Zip(map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<w/>")}))
	f.Add(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...))
	f.Add([]byte("%PDF-1.7\n"))
	f.Add([]byte("a,b,c\n1,2,3\n"))
	f.Add([]byte("31  CURRENT.ALM\r\n 799 147456\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := validate.Detect(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("Detect on memory failed: %v", err)
		}
		if (d.Kind == validate.KindUnknown) != (d.Finding != nil) {
			t.Fatalf("kind %s with finding %+v", d.Kind, d.Finding)
		}
		if d.Kind != validate.KindAL3 && d.Kind != validate.KindUnknown {
			return // workbooks are the Excel checker's to fuzz
		}
		rep, err := validate.Reader(bytes.NewReader(data), "f.al3", int64(len(data)), validate.Options{})
		if err != nil {
			t.Fatalf("Reader on memory failed: %v", err)
		}
		if rep.Kind != d.Kind || rep.Valid != (len(rep.Errors()) == 0) {
			t.Fatalf("report %+v", rep)
		}
	})
}
