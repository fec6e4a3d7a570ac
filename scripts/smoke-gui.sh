#!/usr/bin/env bash
# Real-window smoke test of Exchange, as a user meets it:
#   Xvfb + a D-Bus session, start the app on fresh state, drag a generated AL3
#   file from a small GTK drag source onto the window (a real XDND drop), wait
#   for it to arrive at the built-in server byte for byte, click the tray's
#   Quick upload through D-Bus (dbusmenu), quit through the tray, and save
#   screenshots into OUT. The same file dropped a second time must show the
#   "already sent" question with the window alive, and a restart with that
#   question left open must ask it again without dying (issue 14 item 1).
# Usage: scripts/smoke-gui.sh [OUT]   (exit 0 only when every step passed)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
out=$(realpath -m "${1:-.cache/smoke}")
mkdir -p "$out"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${SMOKE_IN_SESSION:-}" ]; then
	exec env SMOKE_IN_SESSION=1 dbus-run-session -- bash "$0" "$out"
fi

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() {
	echo "SMOKE FAIL: $*" >&2
	[ -n "${DISPLAY:-}" ] && import -window root "$out/failure.png" 2>/dev/null || true
	echo "--- app log" >&2
	tail -40 "$work/app.log" >&2 || true
	exit 1
}
wait_for() { # seconds description command...
	local s=$1 what=$2
	shift 2
	for _ in $(seq 1 $((s * 10))); do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.1
	done
	fail "timed out after ${s}s waiting for $what"
}

echo "== build"
. scripts/gui-tags.sh
go build -tags "$GUI_TAGS" -o "$work/exchange-gui" ./cmd/exchange-gui
go run ./scripts/al3fixture "$work/dropped.al3"

echo "== Xvfb"
display=:$((100 + RANDOM % 100))
Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
wait_for 10 "Xvfb" xdpyinfo -display "$display"

echo "== start Exchange (fresh state and a fresh HOME, built-in server)"
# A fresh HOME (and XDG folders) for the window: Fyne's saved preferences
# (the window's size, the columns' widths, the tab) from an earlier run on
# this machine would otherwise change the window the width check measures.
apphome=$work/home
mkdir -p "$apphome"
appenv=(HOME="$apphome" XDG_CONFIG_HOME="$apphome/.config" XDG_DATA_HOME="$apphome/.local/share" XDG_CACHE_HOME="$apphome/.cache")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
env "${appenv[@]}" EXCHANGE_STATE_DIR="$work/state" EXCHANGE_INBOX="$work/inbox" EXCHANGE_BUILTIN_PORT=$port \
	EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" >"$work/app.log" 2>&1 &
app=$!
pids+=($app)
wait_for 60 "the Exchange window" xdotool search --name '^Exchange$'
win=$(xdotool search --name '^Exchange$' | head -1)
sleep 2
import -window root "$out/01-started.png"
# The window's width, sampled all through the drops and uploads below: it
# must never change by itself (issue 17: it grew from 1040 to 1190 px).
(while kill -0 "$app" 2>/dev/null; do
	xdotool getwindowgeometry "$win" 2>/dev/null | awk '/Geometry/ {split($2, g, "x"); print g[1]}'
	sleep 0.2
done) >"$work/widths" &
pids+=($!)

echo "== real drag-and-drop from a GTK drag source"
DRAG_LOG="$work/drag.log" bash scripts/drag-drop.sh "$work/dropped.al3" || fail "the drag-and-drop did not happen"
wait_for 30 "the dropped file in the built-in server's inbox" test -f "$work/inbox/dropped.al3"
wait_for 10 "the upload to complete" cmp -s "$work/dropped.al3" "$work/inbox/dropped.al3"
echo "dropped file arrived: $(sha256sum "$work/inbox/dropped.al3" | cut -c1-16)… (same sha256 as sent)"
sleep 1
import -window root "$out/02-dropped.png"

echo "== the same file dropped again: the question, and the window lives"
DRAG_LOG="$work/drag2.log" bash scripts/drag-drop.sh "$work/dropped.al3" || fail "the second drag-and-drop did not happen"
wait_for 30 "the already-sent question" grep -q "asking: already sent" "$work/app.log"
sleep 2
kill -0 "$app" 2>/dev/null || fail "the window died after the second drop"
xdotool search --name '^Exchange$' >/dev/null || fail "the window is gone after the second drop"
import -window root "$out/03-duplicate-question.png"
echo "second drop: the question is on screen and the window lives"

widths=$(sort -u "$work/widths" | grep -c . || true)
[ "$widths" = 1 ] || fail "the window changed its width by itself during the batch: $(sort -u "$work/widths" | tr '\n' ' ')"
echo "window width stayed $(head -1 "$work/widths") px through $(wc -l <"$work/widths") samples"

echo "== tray: Quick upload through D-Bus"
item="org.kde.StatusNotifierItem-$app-1"
wait_for 20 "the tray menu on D-Bus" dbus-send --session --print-reply --dest="$item" /StatusNotifierItem/menu \
	com.canonical.dbusmenu.GetLayout int32:0 int32:-1 array:string:
layout=$(dbus-send --session --print-reply --dest="$item" /StatusNotifierItem/menu com.canonical.dbusmenu.GetLayout int32:0 int32:-1 array:string:)
menu_id() { # label -> dbusmenu id: each item is "struct { int32 ID array [ properties ] ..."
	echo "$layout" | /usr/bin/python3 -c '
import re, sys
want = sys.argv[1]
for m in re.finditer(r"struct \{\s*int32 (\d+)\s*array \[(.*?)\]", sys.stdin.read(), re.S):
    if re.search(r"string \"label\"\s*variant\s*string \"" + re.escape(want), m.group(2)):
        print(m.group(1)); break' "$1"
}
quick=$(menu_id "Quick upload")
quit=$(menu_id "Quit")
[ -n "$quick" ] && [ -n "$quit" ] || { echo "$layout" >&2; fail "tray menu has no Quick upload / Quit item"; }
dbus-send --session --type=method_call --dest="$item" /StatusNotifierItem/menu com.canonical.dbusmenu.Event \
	int32:"$quick" string:clicked variant:int32:0 uint32:0
wait_for 10 "Quick upload to open" grep -q "tray: quick upload" "$work/app.log"
sleep 1.5
import -window root "$out/04-quick-upload.png"
echo "Quick upload opened the file picker"

echo "== tray: Quit"
dbus-send --session --type=method_call --dest="$item" /StatusNotifierItem/menu com.canonical.dbusmenu.Event \
	int32:"$quit" string:clicked variant:int32:0 uint32:0
wait_for 20 "the app to quit" bash -c "! kill -0 $app"
prefs=$(find "$apphome" -name preferences.json | head -1)
[ -n "$prefs" ] || fail "the window kept its preferences somewhere else than the fresh HOME $apphome"
echo "the window's preferences went to the fresh HOME: ${prefs#"$work"/}"

echo "== restart with the question left open: it is asked again, and the window lives"
env "${appenv[@]}" EXCHANGE_STATE_DIR="$work/state" EXCHANGE_INBOX="$work/inbox" EXCHANGE_BUILTIN_PORT=$port \
	EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" >"$work/app2.log" 2>&1 &
app=$!
pids+=($app)
wait_for 60 "the Exchange window after the restart" xdotool search --name '^Exchange$'
wait_for 30 "the restored file's question" grep -q "asking: already sent" "$work/app2.log"
sleep 3
kill -0 "$app" 2>/dev/null || { cat "$work/app2.log" >&2; fail "the window died at the restart with an open question"; }
import -window root "$out/05-restart-question.png"
echo "restart: the question is asked again and the window lives"
item="org.kde.StatusNotifierItem-$app-1"
wait_for 20 "the tray menu on D-Bus" dbus-send --session --print-reply --dest="$item" /StatusNotifierItem/menu \
	com.canonical.dbusmenu.GetLayout int32:0 int32:-1 array:string:
layout=$(dbus-send --session --print-reply --dest="$item" /StatusNotifierItem/menu com.canonical.dbusmenu.GetLayout int32:0 int32:-1 array:string:)
quit=$(menu_id "Quit")
dbus-send --session --type=method_call --dest="$item" /StatusNotifierItem/menu com.canonical.dbusmenu.Event \
	int32:"$quit" string:clicked variant:int32:0 uint32:0
wait_for 20 "the app to quit" bash -c "! kill -0 $app"
echo "PASS: GUI smoke test (screenshots in $out)"
