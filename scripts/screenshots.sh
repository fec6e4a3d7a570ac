#!/usr/bin/env bash
# Screenshots of the window for the README and issue 17, under Xvfb: the
# empty state, a mixed batch, the findings of an invalid file, Settings and
# Test connection and Watch folders, in light and dark, each of the window
# alone at 1024x700 (a small laptop) and 1920x1080 (a full-HD screen). The
# window runs on a stand-in for the service (scripts/uishots), with the
# Watch folders tab and the speed limit as the window ships: nothing is sent.
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
# The screen is larger than the largest window: the pointer sits in its
# middle (xdotool cannot move it on Xvfb here), outside a 1024x700 window
# and off the buttons of a 1920x1080 one, so that no button draws hovered.
Xvfb "$display" -screen 0 3000x2000x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
for size in 1024x700 1920x1080; do
for variant in light dark; do
	for shot in empty batch details settings test watch; do
		flags=(-shot "$shot" -size "$size")
		[ "$variant" = dark ] && flags+=(-dark)
		"$work/uishots" "${flags[@]}" >"$work/$shot.log" 2>&1 &
		app=$!
		# ready: the window is arranged (its batch replayed, its tab and
		# dialog open); then a second for the last frame to be drawn.
		for _ in $(seq 1 600); do grep -q "uishots: ready" "$work/$shot.log" && break; sleep 0.2; done
		grep -q "uishots: ready" "$work/$shot.log" || { cat "$work/$shot.log" >&2; echo "uishots did not get ready" >&2; exit 1; }
		sleep 1
		win=$(xdotool search --name '^Exchange$' 2>/dev/null | head -1 || true)
		import -window "$win" "$out/$shot-$variant-$size.png"
		echo "$out/$shot-$variant-$size.png: $(xdotool getwindowgeometry "$win" | awk '/Geometry/ {print $2}')"
		kill "$app"
		wait "$app" 2>/dev/null || true
	done
done
done
