package uploader

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Journal records (a queue item, a history entry) are stored as JSON, with
// one addition: JSON text is UTF-8, and encoding/json turns every byte of a
// string that is not UTF-8 into U+FFFD. File names on Linux are bytes, and a
// name like "caf\xe9.al3" (Latin-1) must come back exactly, or a resumed
// upload would look for a file that does not exist. So every string field
// whose value is not valid UTF-8 is also stored, as bytes (base64), in the
// member "_bytes", keyed by the field's JSON name; decoding puts those bytes
// back. Records of valid UTF-8 are plain JSON, as the bbolt journal wrote them.
//
// The codec works on any struct of string, number, bool and time fields by
// reflection, so a field added to journalItem or HistoryEntry later is kept
// without touching this file.

const rawBytesMember = "_bytes"

// maxRecordSize bounds one record: a damaged store cannot make a decode
// allocate without limit. Real records are well under a kilobyte.
const maxRecordSize = 1 << 20

// encodeRecord returns the stored form of v, a pointer to a struct.
func encodeRecord(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	raw := map[string][]byte{}
	forEachStringField(reflect.ValueOf(v).Elem(), func(name string, f reflect.Value) {
		if s := f.String(); !utf8.ValidString(s) {
			raw[name] = []byte(s)
		}
	})
	if len(raw) == 0 {
		return data, nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return nil, err
	}
	extra, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	members[rawBytesMember] = extra
	return json.Marshal(members)
}

// errBadRecord says a stored record cannot be read back.
var errBadRecord = errors.New("damaged record")

// decodeRecord reads a record made by encodeRecord into v, a pointer to a
// struct. A record that is not a JSON object of the right shape, or too
// large, is an error wrapping errBadRecord.
func decodeRecord(data []byte, v any) error {
	if len(data) > maxRecordSize {
		return fmt.Errorf("%w: %d bytes", errBadRecord, len(data))
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", errBadRecord, err)
	}
	var extra struct {
		Raw map[string][]byte `json:"_bytes"`
	}
	if err := json.Unmarshal(data, &extra); err != nil {
		return fmt.Errorf("%w: %v", errBadRecord, err)
	}
	if len(extra.Raw) == 0 {
		return nil
	}
	forEachStringField(reflect.ValueOf(v).Elem(), func(name string, f reflect.Value) {
		if b, ok := extra.Raw[name]; ok {
			f.SetString(string(b))
		}
	})
	return nil
}

// forEachStringField calls fn with each exported string field of the struct
// s and the name it has in JSON.
func forEachStringField(s reflect.Value, fn func(name string, f reflect.Value)) {
	t := s.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Type.Kind() != reflect.String {
			continue
		}
		name := sf.Name
		if tag, _, _ := strings.Cut(sf.Tag.Get("json"), ","); tag == "-" {
			continue
		} else if tag != "" {
			name = tag
		}
		fn(name, s.Field(i))
	}
}
