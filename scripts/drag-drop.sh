#!/usr/bin/env bash
# drag-drop.sh FILE [X Y]: a real drag-and-drop of FILE onto the window under
# (X, Y) (default 500, 400) on $DISPLAY, as a person does it: a small GTK drag
# source (scripts/dragsource.py) offers the file, xdotool drags it across.
# Needs xdotool and python3-gi (scripts/install-deps.sh test).
set -euo pipefail
file=$1 to_x=${2:-500} to_y=${3:-400}
here=$(dirname "$0")
/usr/bin/python3 "$here/dragsource.py" 1200 60 "$file" >"${DRAG_LOG:-/dev/null}" 2>&1 &
source_pid=$!
trap 'kill "$source_pid" 2>/dev/null || true' EXIT
src=""
for _ in $(seq 1 100); do
	src=$(xdotool search --name '^dragsource$' 2>/dev/null | head -1 || true)
	[ -n "$src" ] && break
	sleep 0.2
done
[ -n "$src" ] || { echo "drag-drop: the drag source did not open" >&2; exit 1; }
sleep 1
eval "$(xdotool getwindowgeometry --shell "$src")"
sx=$((X + WIDTH / 2)) sy=$((Y + HEIGHT / 2))
xdotool mousemove "$sx" "$sy"
sleep 0.3
xdotool mousedown 1
for step in $(seq 1 20); do
	xdotool mousemove $((sx - step * (sx - to_x) / 20)) $((sy + step * (to_y - sy) / 20))
	sleep 0.05
done
sleep 0.5
xdotool mouseup 1
sleep 2 # the window asks the source for the data after the drop
