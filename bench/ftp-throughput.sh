#!/usr/bin/env bash
# Exchange's FTP sessions against curl and lftp, in one run on loopback vsftpd:
# plain passive and active against curl -T (target: at least 1.2× curl),
# FTPS TLS 1.2 against lftp (target: at least 1.0×). Needs root (vsftpd) and
# `make deps-bench` (curl, lftp, the test servers).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
go run ./bench/ftpbench -size "${SIZE_MIB:-1024}" -runs "${RUNS:-3}"
