#!/usr/bin/env bash
# exchange watch on vsftpd (test harness, loopback): latency from "file
# complete" to "on the server" against the settle time, a 200 MB file copied in
# with cp (arrives once, whole), then CPU and memory of
# an idle watch on a folder of 10,000 handled files (FILES, IDLE override),
# then the burst test with 1,000 files (BURST overrides) under the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/watchbench -files "${FILES:-10000}" -idle "${IDLE:-1m}"
EXCHANGE_WATCH_BURST="${BURST:-1000}" CI=true go test -race -count=1 -run 'TestBurstOfSmallFiles' -v ./uploader/watch/ | grep -E '^(--- |ok|FAIL)'
