#!/usr/bin/env bash
# One large file end to end (issue 21): `exchange upload` of a 1 GiB valid AL3
# file (validation, temporary name, verification, rename, journal) against
# `curl -T` of the same file, same vsftpd on loopback, same run, the server's
# folder on disk and on tmpfs; prints the ratio curl/exchange (target >= 0.80),
# Exchange's check stage and `exchange validate` alone in GB/s (target >= 1).
# SIZE_MIB, RUNS, SERVER_DIRS, EXCHANGE_BIN: see bench/endtoend.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
go run ./bench/endtoend
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
