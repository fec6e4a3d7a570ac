#!/usr/bin/env bash
# Prints the linker flags that stamp the build date and the commit into
# package exchange, shown by `exchange version --verbose` and the About dialog:
#   go build -ldflags "-s -w $(bash scripts/build-stamp.sh)" ...
#   GOFLAGS="-trimpath $(bash scripts/build-stamp.sh goflags)" fyne package ...
# (The go command records the commit itself only with -buildvcs, which a
# GOFLAGS=-buildvcs=false environment turns off; this works either way.)
# SOURCE_DATE_EPOCH, when set, gives the date (reproducible builds).
set -euo pipefail
cd "$(dirname "$0")/.."
when=${SOURCE_DATE_EPOCH:-$(date +%s)}
flags="-X=exchange.buildDate=$(date -u -d "@$when" +%Y-%m-%dT%H:%M:%SZ)"
if commit=$(git rev-parse HEAD 2>/dev/null); then
	git diff --quiet HEAD 2>/dev/null || commit="$commit-modified"
	flags="$flags -X=exchange.buildCommit=$commit"
fi
if [ "${1:-}" = goflags ]; then
	flags=${flags//-X=/-ldflags=-X=}
fi
echo "$flags"
