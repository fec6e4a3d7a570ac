package ftpclient_test

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash/crc32"
)

// hashMatches checks a server's checksum against the data.
func hashMatches(algo, sum string, data []byte) bool {
	var want string
	switch algo {
	case "sha-256":
		h := sha256.Sum256(data)
		want = hex.EncodeToString(h[:])
	case "sha-512":
		h := sha512.Sum512(data)
		want = hex.EncodeToString(h[:])
	case "sha-1":
		h := sha1.Sum(data)
		want = hex.EncodeToString(h[:])
	case "md5":
		h := md5.Sum(data)
		want = hex.EncodeToString(h[:])
	case "crc32":
		want = fmt.Sprintf("%08x", crc32.ChecksumIEEE(data))
	default:
		return false
	}
	return sum == want
}
