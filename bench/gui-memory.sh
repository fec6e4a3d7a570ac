#!/usr/bin/env bash
# Memory of the window with 10,000 files in its list (target: at most 200 MiB):
# starts Exchange under Xvfb with N generated AL3 files on its command line,
# lets it validate and send them all to its built-in server (inside the same
# process), and prints the process's peak resident memory (VmHWM), how long
# the batch took, and where the resident memory is: the same window with one
# file is measured first, so the cost of the files shows apart from the
# window's own (Fyne, its fonts, and the software OpenGL of Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
n=${FILES:-10000}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
. scripts/gui-tags.sh
# HEAP=FILE also writes the Go heap profile of the 10,000-file window to FILE
# (go tool pprof -sample_index=inuse_space FILE): what the list holds per row.
tags=$GUI_TAGS
[ -n "${HEAP:-}" ] && tags="$tags heapprofile"
go build -tags "$tags" -o "$work/exchange-gui" ./cmd/exchange-gui
go run ./scripts/al3fixture -n "$n" "$work/files"
display=:$((200 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1

# where prints the resident memory of a process by kind of mapping, in MiB.
where() {
	awk '
	/^[0-9a-f]+-[0-9a-f]+ / { name = $6 }
	/^Rss:/ {
		kind = "other mappings"
		if (name == "") kind = "anonymous (mostly the Go heap)"
		else if (name == "[heap]") kind = "C heap (Mesa, X11, GLFW)"
		else if (name ~ /libLLVM|dri\//) kind = "software OpenGL (llvmpipe: libLLVM, swrast)"
		else if (name ~ /exchange-gui$/) kind = "the program itself"
		else if (name ~ /exchange\.db$/) kind = "journal and history (bbolt, mapped)"
		else if (name ~ /\.so/) kind = "other shared libraries"
		rss[kind] += $2
	}
	END { for (k in rss) printf "    %-45s %4d MiB\n", k, rss[k] / 1024 }' "/proc/$1/smaps" | sort -k1,1
}

# measure N [ENV...]: runs the window with the first N files (and ENV, for
# example GOGC=100, which turns the window's own memory limit off) and prints
# its figures.
measure() {
	local count=$1 state=$work/state-$1 inbox=$work/inbox-$1 port
	shift
	rm -rf "$state" "$inbox"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	local files=()
	mapfile -t files < <(find "$work/files" -name '*.AL3' | sort | head -n "$count")
	local start got=0
	start=$(date +%s.%N)
	env "$@" DISPLAY=$display EXCHANGE_STATE_DIR="$state" EXCHANGE_INBOX="$inbox" EXCHANGE_BUILTIN_PORT=$port \
		EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" "${files[@]}" >"$work/app-$count.log" 2>&1 &
	local app=$!
	pids+=($app)
	for _ in $(seq 1 600); do
		got=$( (find "$inbox" -maxdepth 1 -name 'DL*' 2>/dev/null || true) | wc -l)
		[ "$got" -ge "$count" ] && break
		sleep 0.5
	done
	local took
	took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
	sleep 2 # the list redraws once more after the last file
	local hwm rss cpu
	hwm=$(awk '/VmHWM/ {print $2}' "/proc/$app/status")
	# user + system CPU of the window so far (fields 14 and 15, in clock ticks)
	cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$app/stat")
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status")
	echo "files in the list: $count${1:+ ($*)}, arrived at the built-in server: $got, in ${took} s, ${cpu} s of CPU"
	echo "  peak resident memory (VmHWM): $((hwm / 1024)) MiB, now (VmRSS): $((rss / 1024)) MiB, of which:"
	where "$app"
	kill "$app"
	wait "$app" 2>/dev/null || true
	eval "hwm_$count=$hwm"
}

measure 1
if [ -n "${HEAP:-}" ]; then
	measure "$n" EXCHANGE_HEAP_PROFILE="$(realpath -m "$HEAP")"
	exit 0
fi
measure "$n"
eval "one=\$hwm_1 many=\$hwm_$n"
echo "the $n files cost $(((many - one) / 1024)) MiB of peak resident memory, $(((many - one) * 1024 / n)) bytes each"
echo "target: at most 200 MiB with $n files"
echo "the same without the window's soft memory limit (ui/memory.go), for its cost in CPU:"
measure "$n" GOGC=100
