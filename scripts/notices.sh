#!/usr/bin/env bash
# Third-party notices and SBOMs from the module graph, for each shipped
# program (the window and the command line) and system:
#
#   scripts/notices.sh [--embed] OUTDIR OS...      e.g. scripts/notices.sh --embed dist/windows windows
#
# For each OS: OUTDIR/Exchange-VERSION-{window,cli}-OS-amd64.cdx.json
# (CycloneDX, by cyclonedx-gomod at the exact version in tools/go.mod, with
# each module's licence), then internal/notices/gen checks every licence
# (a module with an unknown or copyleft licence fails, naming it) and writes
# OUTDIR/THIRD_PARTY_NOTICES.txt with every licence text. --embed also puts
# the notices into internal/notices/generated/ so that the next build embeds
# them (`exchange --licenses`, the About dialog). make test runs it as
# `make licences` (OUTDIR .cache/notices, both systems, no --embed).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH

embed=false
if [ "${1:-}" = --embed ]; then embed=true; shift; fi
out=${1:?usage: scripts/notices.sh [--embed] OUTDIR OS...}
shift
(($#)) || set -- linux windows
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
. scripts/gui-tags.sh
mkdir -p "$out"
out=$(realpath "$out")

# cyclonedx-gomod names the main module's version from git tags, and cannot
# read a git worktree or a tree without git: it reads a snapshot of the
# sources instead, committed and tagged with FyneApp.toml's version.
snap=$(mktemp -d)
trap 'rm -rf "$snap"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$snap" 2>/dev/null || true
else
	tar -C . --exclude=./dist --exclude=./.cache --exclude=./.git -cf - . | tar -C "$snap" -xf -
fi
git -C "$snap" init -q
git -C "$snap" add -A
git -C "$snap" -c user.name=notices -c user.email=notices@localhost commit -qm snapshot
git -C "$snap" tag "v$version"

# The tool, built once from its own module (tools/go.mod) and cached by go.
tool=$(cd tools && go tool -n cyclonedx-gomod)

boms=()
for os in "$@"; do
	for prog in window cli; do
		case $prog in
		window) main=cmd/exchange-gui cgo=1 flags="-tags=$GUI_TAGS" ;;
		cli) main=cmd/exchange cgo=0 flags="" ;;
		esac
		bom="$out/Exchange-$version-$prog-$os-amd64.cdx.json"
		GOOS=$os GOARCH=amd64 CGO_ENABLED=$cgo GOFLAGS="$flags" "$tool" app -json -licenses -assert-licenses \
			-noserial -main "$main" -output "$bom" "$snap" 2>"$out/.cyclonedx.log" ||
			{ cat "$out/.cyclonedx.log" >&2; echo "cyclonedx-gomod failed for the $prog on $os" >&2; exit 1; }
		boms+=("$bom")
	done
done
rm -f "$out/.cyclonedx.log"

go run ./internal/notices/gen -version "$version" -module . -out "$out/THIRD_PARTY_NOTICES.txt" "${boms[@]}"
if $embed; then
	cp "$out/THIRD_PARTY_NOTICES.txt" internal/notices/generated/
fi
