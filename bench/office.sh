#!/usr/bin/env bash
# The office benchmark (issue 21): vsftpd behind a userspace proxy that gives
# control AND data connections a round trip (bench/latency; this kernel has no
# netem), at 30 ms and 10 ms: 20 files of 50 KB over explicit FTPS, 500 files
# of 4 KiB, one of 200 MB, all valid AL3. Exchange (`exchange upload`,
# validation included), lftp mirror -R with xfer:use-temp-file (the reference
# of every ratio), plain lftp and curl -T from one run; prints median seconds,
# ratios and round trips per file counted from the server's protocol log.
# RTTS_MS, RUNS, PARALLEL, SCENARIOS, EXCHANGE_BIN: see bench/officebench.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
go run ./bench/officebench
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
