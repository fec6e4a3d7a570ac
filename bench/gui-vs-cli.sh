#!/usr/bin/env bash
# Throughput of one large file sent from the window against the command line
# (target: the window at least 0.98x the CLI), both to the same server.
#
# SERVER=external (default): an `exchange serve` process of its own, standing
# for the agency's server: neither side shares its process with the server.
# The window sends to it through a machine-wide default profile, and its
# password is typed into the window's prompt (xdotool), as a clerk does.
# SERVER=builtin: the window's own built-in server (ftpserverlib inside the
# window's process), which the command line sends to as well.
#
# The order alternates from run to run. The window starts empty and settles;
# then the file is dropped on it from a GTK drag source (xdotool, python3-gi:
# scripts/install-deps.sh test). The time compared is the service's own, from
# the history: added -> finished (validation, hash, upload, size check,
# rename), so the window's start-up does not count. The server's folder is in
# /dev/shm when there is one: the server stands for another machine, whose
# disk is not ours (on one disk the journal's fsync would flush the server's
# gigabyte too, and the figures would measure the disk). RUNS repeats the pair
# (default 4, an even number so that each side goes first as often; medians).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
size_mib=${SIZE_MIB:-1024}
runs=${RUNS:-4}
server=${SERVER:-external}
case $server in external | builtin) ;; *) echo "SERVER must be external or builtin" >&2; exit 2 ;; esac
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
print("  (%s, profile %s: checked and waiting %.2f s, sending %.2f s)" % (sys.argv[1], e["profile"],
	(p(e["started"]) - p(e["added"])).total_seconds(), (p(e["finished"]) - p(e["started"])).total_seconds()), file=sys.stderr)' "${2:-}"
}

inbox=$work/inbox
if [ -d /dev/shm ]; then
	inbox=$(mktemp -d /dev/shm/exchange-bench-XXXXXX)
	trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work" "$inbox"' EXIT
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
guis=(); clis=()
# arrived: waits until the server has the whole of BIG.AL3 under its name.
arrived() {
	for _ in $(seq 1 600); do
		[ -f "$inbox/BIG.AL3" ] && [ "$(stat -c %s "$inbox/BIG.AL3")" = "$bytes" ] && return
		sleep 0.2
	done
}
password=exchange-local # the built-in server's, and the one given to the external one
# The external server: its own process, for all the runs.
if [ "$server" = external ]; then
	port=$(freeport)
	"$work/exchange" serve --dir "$inbox" --port "$port" --password "$password" >"$work/serve.log" 2>&1 &
	pids+=($!)
	printf '{"profiles": [{"name": "Bench server", "host": "127.0.0.1", "port": %d, "user": "exchange", "remote_dir": "/"}]}\n' \
		"$port" >"$work/machine.json"
fi
# run N: one window, started empty and settled; the file is dropped on it,
# and sent by the command line to the same server, in an order that
# alternates from run to run.
run() {
	rm -rf "$work/gui-state" "$work/cli-state" "$inbox"/*
	local display=:$((250 + RANDOM % 50)) machine=$work/none.json builtin_port builtin_inbox=$inbox
	builtin_port=$(freeport)
	if [ "$server" = external ]; then
		# The built-in server's files go elsewhere: a file in $inbox came
		# through the external server.
		machine=$work/machine.json builtin_inbox=$work/builtin-inbox
	else
		port=$builtin_port
	fi
	Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >/dev/null 2>&1 &
	local xvfb=$!
	pids+=($xvfb)
	sleep 1
	export DISPLAY=$display
	EXCHANGE_STATE_DIR="$work/gui-state" EXCHANGE_INBOX="$builtin_inbox" EXCHANGE_BUILTIN_PORT=$builtin_port \
		EXCHANGE_MACHINE_PROFILES="$machine" "$work/exchange-gui" >"$work/gui.log" 2>&1 &
	local app=$!
	pids+=($app)
	local win=""
	for _ in $(seq 1 100); do
		win=$(xdotool search --name '^Exchange$' 2>/dev/null | head -1 || true)
		[ -n "$win" ] && break
		sleep 0.2
	done
	# The window's start-up (fonts, OpenGL shaders) takes about 4 s of CPU
	# after it appears; whoever sent first would share the CPU with it.
	sleep 6
	if [ "$server" = external ]; then
		# The prompt for the default profile's password has the focus: type it,
		# untick "Remember" (no keychain under Xvfb), back to the field, Enter.
		xdotool windowfocus --sync "$win"
		xdotool type --delay 20 "$password"
		xdotool key Tab space shift+Tab Return
		sleep 1
	fi
	local order=(window cli)
	[ $(($1 % 2)) = 1 ] || order=(cli window)
	for who in "${order[@]}"; do
		sync
		# This machine drops the page cache under pressure from elsewhere:
		# without this, whoever reads the file first reads part of it from the
		# disk, and the figures measure the disk.
		cat "$work/BIG.AL3" >/dev/null
		if [ "$who" = window ]; then
			# dropped as a person does: the window started empty and has settled
			bash scripts/drag-drop.sh "$work/BIG.AL3"
			arrived
			sleep 1 # the history entry is written after the rename
			cmp -s "$work/BIG.AL3" "$inbox/BIG.AL3" || { echo "window: the file did not arrive intact" >&2; exit 1; }
		else
			EXCHANGE_PASSWORD=$password "$work/exchange" upload --state "$work/cli-state" \
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
echo "server: $server ($([ "$server" = external ] && echo "exchange serve, a process of its own" || echo "the window's built-in one, inside the window"))"
for n in $(seq 1 "$runs"); do
	run "$n"
	echo "run $n: window ${guis[-1]} s, command line ${clis[-1]} s"
done
rm -rf "$inbox"/*
gui=$(printf '%s\n' "${guis[@]}" | median)
cli=$(printf '%s\n' "${clis[@]}" | median)
paired=$(for i in "${!guis[@]}"; do awk -v c="${clis[$i]}" -v g="${guis[$i]}" 'BEGIN {print c / g}'; done | median)
awk -v b="$bytes" -v c="$cli" -v g="$gui" -v p="$paired" 'BEGIN {
	printf "%d MB, added to finished, medians: command line %.2f s (%.0f MB/s), window %.2f s (%.0f MB/s)\n", b/1e6, c, b/c/1e6, g, b/g/1e6
	printf "window / command line: %.2fx (target at least 0.98x); median of the ratios run by run: %.2fx\n", c/g, p
}'
