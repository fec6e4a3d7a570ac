#!/usr/bin/env bash
# One valid AL3 file of 1 GiB through the whole upload service (validate,
# sha256, upload under a temporary name, size check, rename) against the bare
# transfer (one ftpclient Store of the same file); prints MB/s and ratios
# (target for the transfer stage >= 0.95).
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/pipeline -mode large -size "${SIZE_MIB:-1024}" -runs "${RUNS:-3}"
