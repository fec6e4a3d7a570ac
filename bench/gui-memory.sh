#!/usr/bin/env bash
# Memory of the window with 10,000 files in its list (target: at most 200 MiB):
# starts Exchange under Xvfb with N generated AL3 files on its command line,
# lets it validate and send them all to its built-in server, and prints the
# process's peak resident memory (VmHWM) and how long the batch took.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
n=${FILES:-10000}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
go build -o "$work/exchange-gui" ./cmd/exchange-gui
go run ./scripts/al3fixture -n "$n" "$work/files"
display=:$((200 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s.%N)
DISPLAY=$display EXCHANGE_STATE_DIR="$work/state" EXCHANGE_INBOX="$work/inbox" EXCHANGE_BUILTIN_PORT=$port \
	EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" "$work"/files/*.AL3 >"$work/app.log" 2>&1 &
app=$!
pids+=($app)
for _ in $(seq 1 600); do
	got=$(ls "$work/inbox" 2>/dev/null | grep -c '^DL' || true)
	[ "$got" -ge "$n" ] && break
	sleep 0.5
done
took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
sleep 2 # the list redraws once more after the last file
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$app/status")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status")
echo "files in the list: $n, arrived at the built-in server: $got, in ${took} s"
echo "peak resident memory (VmHWM): $((hwm / 1024)) MiB, now (VmRSS): $((rss / 1024)) MiB (target: at most 200 MiB)"
