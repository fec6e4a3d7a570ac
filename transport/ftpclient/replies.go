package ftpclient

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// The parsers of reply texts a session reads values from. Each refuses what
// is not the value it expects, so that a confused or hostile server cannot
// hand the caller a negative size or a checksum that is not one.

// quotedPath takes the directory out of a 257 reply (RFC 959): the path is
// between the first double quote and the next one that is not doubled, and
// a doubled quote inside stands for one. 257 "/in" is current -> /in;
// 257 "/a ""b""" created -> /a "b". It returns "" when there is no quoted path.
func quotedPath(text string) string {
	i := strings.IndexByte(text, '"')
	if i < 0 {
		return ""
	}
	var b strings.Builder
	for j := i + 1; j < len(text); j++ {
		if text[j] != '"' {
			b.WriteByte(text[j])
			continue
		}
		if j+1 < len(text) && text[j+1] == '"' {
			b.WriteByte('"')
			j++
			continue
		}
		return b.String()
	}
	return "" // no closing quote
}

// parseSizeReply reads the text of a 213 reply to SIZE: a decimal number of
// bytes, nothing else.
func parseSizeReply(text string) (int64, error) {
	t := strings.TrimSpace(text)
	if t == "" || strings.TrimLeft(t, "0123456789") != "" {
		return 0, fmt.Errorf("unreadable size %q", text)
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("unreadable size %q", text)
	}
	return n, nil
}

// hashHexLen is the length in hex digits of each algorithm's checksum.
var hashHexLen = map[string]int{"sha-256": 64, "sha-512": 128, "sha-1": 40, "md5": 32, "crc32": 8}

// parseHashReply reads the text of a 213 reply to HASH
// (draft-bryan-ftpext-hash): "SHA-256 0-1234 <hex> <name>". The algorithm
// must be the one asked for (want, upper case) and the checksum hex of its length.
func parseHashReply(want, text string) (string, error) {
	f := strings.Fields(text)
	if len(f) < 3 || !strings.EqualFold(f[0], want) {
		return "", fmt.Errorf("unreadable reply %q", text)
	}
	return checkHex(strings.ToLower(want), f[2], text)
}

// parseXHashReply reads the reply to XSHA256, XSHA1, XMD5 or XCRC: the
// checksum is the last word ("<hex>", or "<name> <hex>" on some servers).
func parseXHashReply(algo, text string) (string, error) {
	f := strings.Fields(text)
	if len(f) == 0 {
		return "", fmt.Errorf("empty reply")
	}
	return checkHex(algo, f[len(f)-1], text)
}

func checkHex(algo, sum, text string) (string, error) {
	sum = strings.ToLower(sum)
	if algo == "crc32" && len(sum) < 8 && len(sum) > 0 {
		sum = strings.Repeat("0", 8-len(sum)) + sum // some servers drop leading zeros
	}
	if _, err := hex.DecodeString(sum); err != nil || len(sum) != hashHexLen[algo] {
		return "", fmt.Errorf("unreadable %s checksum in reply %q", algo, text)
	}
	return sum, nil
}
