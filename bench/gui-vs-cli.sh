#!/usr/bin/env bash
# Throughput of one large file sent from the window against the command line
# (target: the window at least 0.98x the CLI), both to the same server: the
# window's built-in one (ftpserverlib), which runs inside the window, so the
# server's work weighs the same on both sides. The order alternates from run
# to run. The window starts empty and settles; then the file is dropped on it
# from a GTK drag source (xdotool, python3-gi: scripts/install-deps.sh test).
# The time compared is the service's own, from the history: added ->
# finished (validation, hash, upload, size check, rename), so the window's
# start-up does not count. The server's folder is in /dev/shm when there is
# one: the server stands for another machine, whose disk is not ours (on one
# disk the journal's fsync would flush the server's gigabyte too, and the
# figures would measure the disk). RUNS repeats the pair (default 3; medians).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
size_mib=${SIZE_MIB:-1024}
runs=${RUNS:-3}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
go build -o "$work/exchange" ./cmd/exchange
. scripts/gui-tags.sh
go build -tags "$GUI_TAGS" -o "$work/exchange-gui" ./cmd/exchange-gui
# A valid AL3 file of the size asked (generated, streamed).
go run ./bench/al3tool gen "$((size_mib * 1048576 / 1000000))" "$work/BIG.AL3" >/dev/null
bytes=$(stat -c %s "$work/BIG.AL3")
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
span() { # state dir -> seconds from added to finished of the one history entry
	"$work/exchange" history --json --state "$1" | python3 -c '
import json, re, sys, datetime
e = json.loads(sys.stdin.readline())
# Go writes nanoseconds; keep microseconds for Python.
p = lambda s: datetime.datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", s).replace("Z", "+00:00"))
print("%.3f" % (p(e["finished"]) - p(e["added"])).total_seconds())
print("  (%s: checked and waiting %.2f s, sending %.2f s)" % (sys.argv[1], (p(e["started"]) - p(e["added"])).total_seconds(),
	(p(e["finished"]) - p(e["started"])).total_seconds()), file=sys.stderr)' "${2:-}"
}

inbox=$work/inbox
if [ -d /dev/shm ]; then
	inbox=$(mktemp -d /dev/shm/exchange-bench-XXXXXX)
	trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work" "$inbox"' EXIT
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
guis=(); clis=()
# arrived: waits until the server has the whole of BIG.AL3 under its name.
arrived() {
	for _ in $(seq 1 600); do
		[ -f "$inbox/BIG.AL3" ] && [ "$(stat -c %s "$inbox/BIG.AL3")" = "$bytes" ] && return
		sleep 0.2
	done
}
# run N: one window, started empty and settled; the file is dropped on it,
# and sent by the command line to the window's own built-in server, in an
# order that alternates from run to run. Both go to one server instance.
run() {
	rm -rf "$work/gui-state" "$work/cli-state" "$inbox"/*
	local display=:$((250 + RANDOM % 50)) port
	port=$(freeport)
	Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >/dev/null 2>&1 &
	local xvfb=$!
	pids+=($xvfb)
	sleep 1
	export DISPLAY=$display
	EXCHANGE_STATE_DIR="$work/gui-state" EXCHANGE_INBOX="$inbox" EXCHANGE_BUILTIN_PORT=$port \
		EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" >"$work/gui.log" 2>&1 &
	local app=$!
	pids+=($app)
	for _ in $(seq 1 100); do
		xdotool search --name '^Exchange$' >/dev/null 2>&1 && break
		sleep 0.2
	done
	sleep 3
	local order=(window cli)
	[ $(($1 % 2)) = 1 ] || order=(cli window)
	for who in "${order[@]}"; do
		sync
		if [ "$who" = window ]; then
			# dropped as a person does: the window started empty and has settled
			bash scripts/drag-drop.sh "$work/BIG.AL3"
			arrived
			sleep 1 # the history entry is written after the rename
			cmp -s "$work/BIG.AL3" "$inbox/BIG.AL3" || { echo "window: the file did not arrive intact" >&2; exit 1; }
		else
			EXCHANGE_PASSWORD=exchange-local "$work/exchange" upload --state "$work/cli-state" \
				--server "ftp://exchange@127.0.0.1:$port/" "$work/BIG.AL3" >/dev/null
			cmp -s "$work/BIG.AL3" "$inbox/BIG.AL3" || { echo "command line: the file did not arrive intact" >&2; exit 1; }
		fi
		rm -f "$inbox/BIG.AL3"
	done
	kill "$app" "$xvfb"
	wait "$app" "$xvfb" 2>/dev/null || true
	unset DISPLAY
	guis+=("$(span "$work/gui-state" window)")
	clis+=("$(span "$work/cli-state" "command line")")
}
for n in $(seq 1 "$runs"); do
	run "$n"
	echo "run $n: window ${guis[-1]} s, command line ${clis[-1]} s"
done
rm -rf "$inbox"/*
gui=$(printf '%s\n' "${guis[@]}" | median)
cli=$(printf '%s\n' "${clis[@]}" | median)
awk -v b="$bytes" -v c="$cli" -v g="$gui" 'BEGIN {
	printf "%d MB, added to finished, medians: command line %.2f s (%.0f MB/s), window %.2f s (%.0f MB/s)\n", b/1e6, c, b/c/1e6, g, b/g/1e6
	printf "window / command line: %.2fx (target at least 0.98x)\n", c/g
}'
