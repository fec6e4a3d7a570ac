#!/usr/bin/env bash
# 500 valid AL3 files of about 4 KiB: `exchange upload` (validation, journal,
# temporary name, size check, rename) against `lftp mirror -R --parallel=4`,
# same vsftpd (test harness), same run; prints both times and the ratio
# (target >= 1.00). FILES, PARALLEL and RUNS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench 'SmallFiles' -benchtime 1x ./bench/pipeline | grep -v -E '^(goos|goarch|pkg|cpu|PASS|ok|Benchmark)'
