#!/usr/bin/env bash
# One valid AL3 file of 1 GiB through the whole upload service (validate and
# sha256 in parallel, upload under a temporary name, size check, rename)
# against the bare transfer (one ftpclient Store of the same file) on the test
# harness's vsftpd; prints MB/s and ratios (target for the transfer stage >= 0.95)
# and this process's CPU time during the upload on each side (the figure that
# does not swing with the server's memory; see the note it prints).
# SIZE_MIB and RUNS override the defaults. On loopback the server writes to the
# same disk, so the journal's fsync before the rename also flushes the server's
# gigabyte: TMPDIR=/dev/shm puts files, server and journal in memory and shows
# the pipeline's own cost.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench 'LargeFile' -benchtime 1x -timeout 30m ./bench/pipeline | grep -v -E '^(goos|goarch|pkg|cpu|PASS|ok|Benchmark)'
