// Package al3 checks the structure of an ACORD AL3 download in one streaming
// pass whose memory does not depend on the file size.
//
// The checker expands the ACORD run-length compression (0xFA or 0xB3, two hex
// digits, a fill byte) in its own view only, walks the groups by their length
// fields and reports every rule of the project's AL3 research (§5): errors that
// make the file unsendable, warnings and remarks. Every finding carries the byte
// offset in the original file (mapped back through the expansion), the line
// when the file has line breaks, the group code and the message and transaction
// ordinals, and a sentence an agency clerk understands.
package al3
