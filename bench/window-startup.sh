#!/usr/bin/env bash
# The window's start-up and idle CPU (issue 21; targets: a drop accepted within
# 2 s of launch under Xvfb, idle CPU under 0.5% of a core). The window is built
# as cmd/exchange-gui is (scripts/gui-tags.sh) and started on fresh state under
# Xvfb and a D-Bus session. Before each launch a real drag is armed
# (scripts/dragsource.py, xdotool: button pressed over the source, pointer out
# on the empty screen); as soon as the window is mapped the pointer moves onto
# it and releases. Printed per launch: launch -> window mapped, launch -> the
# drop accepted (the "queued" event in the window's log file), launch -> the
# file at the built-in server; released_s is when xdotool let go (the moves onto
# the window are the script's own time, not the window's). Then the idle CPU of the last window over
# IDLE_S seconds (30) from /proc/PID/stat. RUNS (3) launches, medians printed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${STARTUP_IN_SESSION:-}" ]; then
	exec 2> >(grep -v -e '^dbus-daemon' -e '^SpiRegistry' >&2) # the session bus's chatter
	exec env STARTUP_IN_SESSION=1 dbus-run-session -- bash "$0" "$@"
fi
runs=${RUNS:-3} idle=${IDLE_S:-30}
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$2" 'BEGIN{printf "%.2f", e-s}'; }
# poll SECONDS COMMAND...: runs COMMAND every 20 ms until it succeeds (status 1 on time-out)
poll() {
	local until
	until=$(awk -v n="$(now)" -v s="$1" 'BEGIN{printf "%.0f", (n+s)*1000}')
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s%3N)" -lt "$until" ] || return 1
		sleep 0.02
	done
}
# or_else START END TEXT: END - START, or TEXT when END is empty
or_else() { if [ -n "$2" ]; then since "$1" "$2"; else echo "$3"; fi; }
median() { sort -n | awk '{a[NR]=$1} END{if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }

. scripts/gui-tags.sh
go build -tags "$GUI_TAGS" -o "$work/exchange-gui" ./cmd/exchange-gui
go run ./scripts/al3fixture "$work/dropped.al3"
display=:$((150 + RANDOM % 50))
Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
poll 10 xdpyinfo || { echo "Xvfb did not start" >&2; exit 1; }
NO_AT_BRIDGE=1 /usr/bin/python3 scripts/dragsource.py 1200 60 "$work/dropped.al3" >"$work/drag.log" 2>&1 &
pids+=($!)
poll 20 xdotool search --name '^dragsource$' || { echo "the drag source did not open" >&2; exit 1; }
src=$(xdotool search --name '^dragsource$' | head -1)
eval "$(xdotool getwindowgeometry --shell "$src")"
sx=$((X + WIDTH / 2)) sy=$((Y + HEIGHT / 2))

app=""
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "run  mapped_s  released_s  drop_accepted_s  file_at_server_s"
for r in $(seq 1 "$runs"); do
	state=$work/state-$r inbox=$work/inbox-$r logs=$work/log-$r
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	# Arm the drag: press over the source and leave it, out on the empty screen.
	xdotool mousemove "$sx" "$sy"
	sleep 0.3
	xdotool mousedown 1
	for step in 1 2 3 4 5; do xdotool mousemove $((sx - step * 60)) $((sy + step * 60)); sleep 0.05; done
	sleep 0.5
	start=$(now)
	EXCHANGE_STATE_DIR=$state EXCHANGE_INBOX=$inbox EXCHANGE_BUILTIN_PORT=$port EXCHANGE_LOG_DIR=$logs \
		EXCHANGE_LOG_LEVEL=debug EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" >"$work/app-$r.log" 2>&1 &
	app=$!
	pids+=($app)
	mapped=$(poll 60 xdotool search --onlyvisible --name '^Exchange$' && now) || { echo "the window did not appear" >&2; exit 1; }
	moves=() # one xdotool process for the moves and the release: each process costs time on a busy machine
	for step in 1 2 3 4 5; do
		moves+=(mousemove $((sx - 300 - step * (sx - 300 - 500) / 5)) $((sy + 300 + step * (400 - sy - 300) / 5)) sleep 0.02)
	done
	xdotool "${moves[@]}" mouseup 1
	released=$(now)
	accepted=$(poll 30 grep -rqs 'msg=queued' "$logs" && now) || accepted=""
	arrived=$(poll 30 cmp -s "$work/dropped.al3" "$inbox/dropped.al3" && now) || arrived=""
	printf "%-4s %-9s %-11s %-16s %s\n" "$r" "$(since "$start" "$mapped")" "$(since "$start" "$released")" "$(or_else "$start" "$accepted" "not accepted")" \
		"$(or_else "$start" "$arrived" "did not arrive")"
	echo "$(since "$start" "$mapped")" >>"$work/mapped"
	[ -n "$accepted" ] && echo "$(since "$start" "$accepted")" >>"$work/accepted"
	if [ "$r" -lt "$runs" ]; then
		kill "$app"
		wait "$app" 2>/dev/null || true
	fi
done
accepted_n=$(cat "$work/accepted" 2>/dev/null | wc -l)
echo "median of $runs: window mapped $(median <"$work/mapped") s after launch; drop accepted in $accepted_n of $runs launches, median $(median <"$work/accepted" 2>/dev/null || echo -) s after launch (target <= 2 s)"

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
sleep 3 # the upload's aftermath (history, list redraw) settles
t0=$(ticks) s0=$(now)
sleep "$idle"
t1=$(ticks) s1=$(now)
awk -v t="$((t1 - t0))" -v hz="$hz" -v s="$(since "$s0" "$s1")" \
	'BEGIN{printf "idle CPU of the window over %.0f s (after one drop, nothing under way): %.2f%% of a core (%d ticks; target < 0.5%%)\n", s, 100*t/hz/s, t}'
