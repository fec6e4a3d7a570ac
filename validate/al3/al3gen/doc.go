// Package al3gen builds ACORD AL3 files for tests and benchmarks: valid
// messages in every layout the checker accepts (line breaks or packed, lengths
// that count the line break or not, run-length compressed or not, several
// messages), one malformed file per validation rule with the offset where the
// finding must point (computed from what was built), large files streamed to a
// writer, and the variants of a real sample described in the AL3 research.
package al3gen
