#!/usr/bin/env bash
# One valid AL3 file of 1 GiB: `exchange upload` (validation, sha256,
# temporary name, size check, rename, history) against `curl -T` of the same
# file to the same vsftpd, taking turns, with the server's folder on the disk
# and in /dev/shm; and the check stage alone (validation + sha256 from one
# read). Prints medians and ratios (issue 21: >= 0.8x curl, check >= 1 GB/s).
# SIZE_MIB, RUNS, SERVER_DIRS=disk,shm and EXCHANGE_BIN override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench 'LargeFileVsCurl' -benchtime 1x -timeout 60m ./bench/pipeline | grep -v -E '^(goos|goarch|pkg|cpu|PASS|ok|Benchmark)'
