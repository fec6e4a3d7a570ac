#!/usr/bin/env bash
# 500 valid AL3 files of 4 KiB: `exchange upload` (validation, journal,
# temporary name, size check, rename) against `lftp mirror -R --parallel=4`,
# same server, same run; prints both times and the ratio (target >= 1.00).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v lftp >/dev/null || { echo "lftp is missing: bash scripts/install-deps.sh bench" >&2; exit 1; }
go run ./bench/pipeline -mode small -files "${FILES:-500}" -parallel "${PARALLEL:-4}" -runs "${RUNS:-3}"
