#!/usr/bin/env bash
# Known vulnerabilities: govulncheck (golang.org/x/vuln, the exact version in
# tools/go.mod) over the window and the command line, against the Go
# vulnerability database as the Go module proxy serves it: the module
# golang.org/x/vulndb at the exact version below holds every entry as OSV
# JSON (data/osv), which govulncheck reads offline as a folder. No other
# network is needed. Raise VULNDB_VERSION to take newer entries.
#
#   scripts/vulncheck.sh           (make vulncheck; make test runs it)
#
# Outcome:
#   - the database or the tool cannot be fetched (no network, proxy down): SKIP, with the reason
#   - a vulnerability in a module Exchange requires, that its code calls: FAIL, naming it and
#     the version that fixes it (under CI=true as anywhere: the database was reachable)
#   - one in the Go standard library that the code calls: a WARNING naming the Go release
#     that fixes it; go.mod's module versions cannot fix it, a newer Go toolchain on the
#     build machines does. VULNCHECK_STDLIB=fail makes those fail too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
VULNDB_VERSION=${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}
mkdir -p .cache
out=.cache/vulncheck.json

if ! meta=$(go mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" 2>&1); then
	echo "vulncheck: SKIP: the vulnerability database golang.org/x/vulndb@$VULNDB_VERSION cannot be fetched from the Go module proxy: $(tr '\n' ' ' <<<"$meta" | cut -c1-300)"
	exit 0
fi
db=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$meta")
[ -d "$db/data/osv" ] || { echo "vulncheck: FAIL: golang.org/x/vulndb@$VULNDB_VERSION has no data/osv folder: its layout changed" >&2; exit 1; }
if ! tool=$(cd tools && go tool -n govulncheck 2>&1); then
	echo "vulncheck: SKIP: govulncheck cannot be built (its modules cannot be fetched): $(tr '\n' ' ' <<<"$tool" | cut -c1-300)"
	exit 0
fi
. scripts/gui-tags.sh
entries=$(find "$db/data/osv" -name '*.json' | wc -l)
echo "vulncheck: $entries entries of golang.org/x/vulndb@$VULNDB_VERSION, $(go version | cut -d' ' -f3)"
rc=0
"$tool" -C . -db "file://$db/data/osv" -tags "$GUI_TAGS" -format json ./cmd/exchange ./cmd/exchange-gui >"$out" || rc=$?
((rc == 0)) || { echo "vulncheck: FAIL: govulncheck exited $rc" >&2; exit 1; }
go run ./internal/vulnreport ${VULNCHECK_STDLIB:+-stdlib "$VULNCHECK_STDLIB"} "$out"
