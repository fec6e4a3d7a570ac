#!/usr/bin/env bash
# Screenshots of the window for the README and issue 17, under Xvfb: the
# empty state, a mixed batch, the findings of an invalid file, Settings and
# Test connection, in light and dark, each of the window alone at its
# default size (1040x640). The window runs on a stand-in for the service
# (scripts/uishots): nothing is sent.
# Usage: scripts/screenshots.sh [OUT]   (default .cache/screenshots)
# In Spanish: LANG=es_MX.UTF-8 scripts/screenshots.sh .cache/screenshots-es
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
out=$(realpath -m "${1:-.cache/screenshots}")
mkdir -p "$out"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
. scripts/gui-tags.sh
go build -tags "$GUI_TAGS" -o "$work/uishots" ./scripts/uishots
display=:$((250 + RANDOM % 40))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
for variant in light dark; do
	for shot in empty batch details settings test; do
		flags=(-shot "$shot")
		[ "$variant" = dark ] && flags+=(-dark)
		"$work/uishots" "${flags[@]}" >"$work/$shot.log" 2>&1 &
		app=$!
		for _ in $(seq 1 100); do xdotool search --name '^Exchange$' >/dev/null 2>&1 && break; sleep 0.2; done
		sleep 4
		win=$(xdotool search --name '^Exchange$' 2>/dev/null | head -1 || true)
		import -window "$win" "$out/$shot-$variant.png"
		kill "$app"
		wait "$app" 2>/dev/null || true
		echo "$out/$shot-$variant.png"
	done
done
