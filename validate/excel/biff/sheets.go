package biff

import (
	"encoding/binary"
	"math"
	"slices"
)

// maxPending bounds the bytes of cells held for rows not yet handed on. A
// writer puts cells in row order, so normally one row is held; a file that
// does not is handed on in sorted batches of at most this size.
const maxPending = 16 << 20

// readSheets reads every substream after the globals; worksheets' cells go
// to h, charts and macro sheets are skipped.
func readSheets(r *record, g *globals, h Handler) error {
	var order []int // worksheet indexes, in BOUNDSHEET order
	for _, i := range g.sheetAt {
		order = append(order, i)
	}
	slices.Sort(order)
	seen := map[int]bool{}
	for {
		ok, err := r.read()
		if err != nil || !ok {
			return err
		}
		if r.typ != recBOF {
			continue // stray records between substreams are not cells of any sheet
		}
		index, found := g.sheetAt[r.pos]
		if !found && len(r.body) >= 4 && binary.LittleEndian.Uint16(r.body[2:]) == 0x0010 {
			// A worksheet whose BOUNDSHEET offset is wrong: take the next one not read.
			for _, i := range order {
				if !seen[i] {
					index, found = i, true
					break
				}
			}
		}
		if !found || seen[index] {
			if err := skipSubstream(r); err != nil {
				return err
			}
			continue
		}
		seen[index] = true
		if h.Sheet != nil {
			h.Sheet(index, g.sheets[index])
		}
		if err := readCells(r, g, g.sheets[index].Name, h); err != nil {
			return err
		}
		if h.EndSheet != nil {
			h.EndSheet()
		}
	}
}

// skipSubstream passes the records up to the EOF that ends the current substream.
func skipSubstream(r *record) error {
	depth := 1
	for depth > 0 {
		ok, err := r.read()
		if err != nil {
			return err
		}
		if !ok {
			return damaged("The Workbook stream ends before the end of one of its sheets: the file is truncated.")
		}
		switch r.typ {
		case recBOF:
			depth++
		case recEOF:
			depth--
		}
	}
	return nil
}

// readCells reads one worksheet's records up to its EOF.
func readCells(r *record, g *globals, name string, h Handler) error {
	p := &pendingRows{rows: map[int][]string{}, maxRow: -1, emit: h.Row}
	depth := 1
	formulaString := [2]int{-1, -1} // the formula cell whose text the next STRING record holds
	for {
		ok, err := r.read()
		if err != nil {
			return err
		}
		if !ok {
			return damaged("The Workbook stream ends before the end of the sheet %q: the file is truncated.", name)
		}
		b := r.body
		switch r.typ {
		case recBOF:
			depth++ // an embedded chart: its records are not cells
			continue
		case recEOF:
			depth--
			if depth == 0 {
				p.flush()
				return nil
			}
			continue
		}
		if depth > 1 {
			continue
		}
		if r.typ != recSTRING && r.typ != recCONTINUE {
			formulaString = [2]int{-1, -1}
		}
		switch r.typ {
		case recDBCELL:
			p.flush()
			continue
		case recSTRING:
			if formulaString[0] >= 0 {
				s, _, _ := xlString(b, 2)
				p.set(formulaString[0], formulaString[1], s)
				formulaString = [2]int{-1, -1}
			}
			continue
		}
		if !isCell(r.typ) {
			continue
		}
		if len(b) < 6 {
			return damaged("A cell record (type 0x%04X) of this workbook is cut short.", r.typ)
		}
		row, col, xf := int(binary.LittleEndian.Uint16(b)), int(binary.LittleEndian.Uint16(b[2:])), binary.LittleEndian.Uint16(b[4:])
		if col >= maxColumns {
			return damaged("A cell of this workbook is in column %d, beyond the 256 columns an .xls can have: the file is damaged.", col+1)
		}
		switch r.typ {
		case recLABELSST:
			if len(b) < 10 {
				return damaged("A text cell of this workbook is cut short.")
			}
			i := binary.LittleEndian.Uint32(b[6:])
			if int64(i) >= int64(len(g.sst)) {
				return damaged("A text cell (row %d) refers to shared string %d, but the workbook has %d: the file is damaged.", row+1, i+1, len(g.sst))
			}
			p.set(row, col, g.sst[i])
		case recLABEL, recRSTRING:
			s, _, ok := xlString(b[6:], 2)
			if !ok {
				return damaged("A text cell (row %d) of this workbook is cut short.", row+1)
			}
			p.set(row, col, s)
		case recNUMBER:
			if len(b) < 14 {
				return damaged("A number cell (row %d) of this workbook is cut short.", row+1)
			}
			p.set(row, col, number(math.Float64frombits(binary.LittleEndian.Uint64(b[6:])), g.isDate(xf), g.date1904))
		case recRK:
			if len(b) < 10 {
				return damaged("A number cell (row %d) of this workbook is cut short.", row+1)
			}
			p.set(row, col, number(rk(binary.LittleEndian.Uint32(b[6:])), g.isDate(xf), g.date1904))
		case recMULRK:
			n := (len(b) - 6) / 6
			if col+n > maxColumns {
				return damaged("A row of numbers (row %d) of this workbook goes beyond the 256 columns an .xls can have: the file is damaged.", row+1)
			}
			for k := 0; k < n; k++ {
				e := b[4+6*k:]
				p.set(row, col+k, number(rk(binary.LittleEndian.Uint32(e[2:])), g.isDate(binary.LittleEndian.Uint16(e)), g.date1904))
			}
		case recBOOLERR:
			if len(b) < 8 {
				return damaged("A cell (row %d) of this workbook is cut short.", row+1)
			}
			p.set(row, col, boolOrError(b[6], b[7] == 1))
		case recFORMULA:
			if len(b) < 14 {
				return damaged("A formula cell (row %d) of this workbook is cut short.", row+1)
			}
			res := b[6:14]
			if res[6] != 0xFF || res[7] != 0xFF {
				p.set(row, col, number(math.Float64frombits(binary.LittleEndian.Uint64(res)), g.isDate(xf), g.date1904))
				continue
			}
			switch res[0] {
			case 0: // text, in the STRING record that follows
				formulaString = [2]int{row, col}
			case 1:
				p.set(row, col, boolOrError(res[2], false))
			case 2:
				p.set(row, col, boolOrError(res[2], true))
			}
		}
	}
}

func isCell(typ uint16) bool {
	switch typ {
	case recLABELSST, recLABEL, recRSTRING, recNUMBER, recRK, recMULRK, recBOOLERR, recFORMULA:
		return true
	}
	return false
}

func boolOrError(v byte, isError bool) string {
	switch {
	case isError:
		return errorText(v)
	case v != 0:
		return "TRUE"
	}
	return "FALSE"
}

// pendingRows holds the cells of rows not yet handed on, and hands them on
// in row order: when a cell comes for a row after all those held, at each
// DBCELL (the end of a block of 32 rows), at the sheet's end, and whenever
// maxPending bytes are held.
type pendingRows struct {
	rows   map[int][]string
	maxRow int
	bytes  int64
	emit   func(rowNum int, cols []string)
	keys   []int
}

func (p *pendingRows) set(row, col int, v string) {
	if len(p.rows) > 0 && row > p.maxRow {
		p.flush()
	}
	cols := p.rows[row]
	for len(cols) <= col {
		cols = append(cols, "")
		p.bytes += 16
	}
	p.bytes += int64(len(v))
	cols[col] = v
	p.rows[row] = cols
	p.maxRow = max(p.maxRow, row)
	if p.bytes > maxPending {
		p.flush()
	}
}

func (p *pendingRows) flush() {
	p.keys = p.keys[:0]
	for k := range p.rows {
		p.keys = append(p.keys, k)
	}
	slices.Sort(p.keys)
	for _, k := range p.keys {
		if p.emit != nil {
			p.emit(k+1, p.rows[k])
		}
	}
	clear(p.rows)
	p.maxRow, p.bytes = -1, 0
}
