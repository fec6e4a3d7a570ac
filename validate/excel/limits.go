package excel

import (
	"archive/zip"
	"fmt"
	"strings"

	"exchange/validate/report"
)

// Budgets of one workbook check, and of all checks together. A workbook is
// refused before it is opened when it would exceed one of them.
const (
	// DefaultMaxParts bounds the entries of a workbook's archive; a real
	// workbook has a few dozen, a thousand sheets about 3,000.
	DefaultMaxParts = 10000
	// DefaultMaxInMemory bounds the unpacked bytes a check holds in memory:
	// every part except worksheets and shared strings larger than
	// xmlInMemoryLimit, which the reader streams from temporary files.
	DefaultMaxInMemory = 256 << 20
	// DefaultProcessMemory is what all concurrent checks together may hold
	// in memory (see DefaultMaxInMemory); a check waits for its share.
	DefaultProcessMemory = 512 << 20
	// xmlInMemoryLimit is the size above which a worksheet or the shared
	// strings are unpacked to a temporary file rather than to memory.
	xmlInMemoryLimit = 16 << 20
	// ratioFloor is the unpacked size from which the compression ratio of a
	// part, or of the whole archive, is checked: below it a high ratio is harmless.
	partRatioFloor    = 1 << 20
	archiveRatioFloor = 64 << 20
)

// processBudget is shared by every workbook check of the process.
var processBudget = newMemoryBudget(DefaultProcessMemory)

// positiveOr is v when it is set (above zero), else def: an Options field
// left at zero means the default.
func positiveOr[T int | int64](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

func (o Options) maxParts() int { return positiveOr(o.MaxParts, DefaultMaxParts) }

func (o Options) maxInMemory() int64 { return positiveOr(o.MaxInMemory, DefaultMaxInMemory) }

// measure adds up what opening the workbook would cost from its ZIP directory
// (the sizes it declares, which the ZIP reader enforces while unpacking): the
// bytes held in memory, to take from the process budget. It returns a refusal
// when a budget of one check would be exceeded: parts, unpacked size, bytes
// in memory, or the compression ratio of a large part or of the whole archive.
func measure(zr *zip.Reader, opts Options) (inMemory int64, refusal *report.Finding) {
	refuse := func(format string, args ...any) (int64, *report.Finding) {
		f := finding(RuleTooLarge, report.SeverityError, "", "", fmt.Sprintf(format, args...))
		return 0, &f
	}
	if len(zr.File) > opts.maxParts() {
		f := tooManyParts(opts.maxParts())
		return 0, &f
	}
	var total, packed, held uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if size > 1<<40 {
			size = 1 << 40 // keeps the sums below from overflowing
		}
		total += size
		packed += f.CompressedSize64
		if size > partRatioFloor && f.CompressedSize64 > 0 && size/f.CompressedSize64 > maxRatio {
			return refuse("The part %s of this workbook would unpack to %d MB from %d KB: it is not a normal workbook (possibly a \"zip bomb\"). It was not opened.",
				f.Name, size>>20, f.CompressedSize64>>10)
		}
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := size > xmlInMemoryLimit && (name == "xl/sharedstrings.xml" || strings.HasPrefix(name, "xl/worksheets/sheet"))
		if !streamed {
			held += size
		}
	}
	switch {
	case total > uint64(opts.maxUncompressed()):
		return refuse("This workbook would unpack to %d MB, more than the %d MB Exchange checks. Split it into smaller workbooks.",
			total>>20, opts.maxUncompressed()>>20)
	case total > archiveRatioFloor && total/max(packed, 1) > maxRatio:
		return refuse("This workbook would unpack to %d MB from %d KB, %d times its size: it is not a normal workbook (possibly a \"zip bomb\"). It was not opened.",
			total>>20, packed>>10, total/max(packed, 1))
	case held > uint64(opts.maxInMemory()):
		return refuse("Checking this workbook would take %d MB of memory, more than the %d MB Exchange allows for one file. Split it into smaller workbooks.",
			held>>20, opts.maxInMemory()>>20)
	}
	return int64(held) + xmlInMemoryLimit, nil
}

// tooManyParts refuses a workbook of more than max parts.
func tooManyParts(max int) report.Finding {
	return finding(RuleTooLarge, report.SeverityError, "", "", fmt.Sprintf(
		"This workbook is made of more than %d parts (a normal workbook has a few dozen): it is not a normal workbook. It was not opened.", max))
}
