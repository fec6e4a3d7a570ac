#!/usr/bin/env bash
# The window's start-up and idle cost under Xvfb (issue 21, "Start-up"):
#   - the time from launch to the window being mapped (its drop handler is set
#     before it is shown: from then on a drop is accepted), RUNS times, median;
#   - its idle CPU: utime+stime from /proc/PID/stat over IDLE seconds once it
#     has settled, in percent of one core (target < 0.5%).
# Usage: bench/gui-startup.sh [BINARY]   (RUNS=5 IDLE=30 by default; without
# BINARY the window is built with the usual tags)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
idle=${IDLE:-30}
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
bin=${1:-}
if [ -z "$bin" ]; then
	. scripts/gui-tags.sh
	go build -tags "$GUI_TAGS" -o "$work/exchange-gui" ./cmd/exchange-gui
	bin=$work/exchange-gui
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${GUI_STARTUP_IN_SESSION:-}" ]; then
	exec env GUI_STARTUP_IN_SESSION=1 dbus-run-session -- bash "$0" "$bin"
fi
display=:$((200 + RANDOM % 50))
Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 100); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
starts=()
for r in $(seq "$runs"); do
	state="$work/state-$r"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	t0=$(date +%s.%N)
	EXCHANGE_STATE_DIR="$state" EXCHANGE_INBOX="$work/inbox-$r" EXCHANGE_BUILTIN_PORT=$port \
		EXCHANGE_MACHINE_PROFILES="$work/none.json" "$bin" >"$work/app-$r.log" 2>&1 &
	app=$!
	pids+=($app)
	ok=
	for _ in $(seq 3000); do
		if xdotool search --onlyvisible --name '^Exchange$' >/dev/null 2>&1; then ok=1; break; fi
		sleep 0.01
	done
	t1=$(date +%s.%N)
	[ -n "$ok" ] || { echo "run $r: no window after 30 s" >&2; tail -20 "$work/app-$r.log" >&2; exit 1; }
	used=$(cpu_ticks "$app")
	s=$(echo "$t1 - $t0" | bc -l)
	starts+=("$s")
	printf 'run %d: window mapped %.2f s after launch, having used %.2f s of CPU (the figure that does not swing with the load)\n' \
		"$r" "$s" "$(echo "$used / $ticks" | bc -l)"
	if [ "$r" -eq "$runs" ]; then
		sleep 5 # let start-up work (fonts, first frames, tray) finish
		c0=$(cpu_ticks "$app")
		w0=$(date +%s.%N)
		sleep "$idle"
		c1=$(cpu_ticks "$app")
		w1=$(date +%s.%N)
		pct=$(echo "100 * ($c1 - $c0) / $ticks / ($w1 - $w0)" | bc -l)
		wakes=$(awk '/voluntary_ctxt_switches/ && !/non/ {print $2}' "/proc/$app/status")
		printf 'idle CPU over %d s: %.2f%% of a core (%d ticks); voluntary context switches so far %s\n' \
			"$idle" "$pct" "$((c1 - c0))" "$wakes"
	fi
	kill "$app"
	wait "$app" 2>/dev/null || true
done
median=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
printf 'start-up, launch to window mapped: median %.2f s of %d runs (target <= 2 s)\n' "$median" "$runs"
