#!/usr/bin/env bash
# Throughput of one large file sent from the window against the command line
# (target: the window at least 0.98× the CLI). Both use the same service; the
# window sends to its built-in server, the CLI to `exchange serve`. The time
# compared is the service's own, from the history: added -> finished
# (validation, hash, upload, size check, rename), so the window's start-up
# does not count.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
size_mib=${SIZE_MIB:-1024}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
go build -o "$work/exchange" ./cmd/exchange
go build -o "$work/exchange-gui" ./cmd/exchange-gui
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
print("%.3f" % (p(e["finished"]) - p(e["added"])).total_seconds())'
}

# Command line.
port=$(freeport)
"$work/exchange" serve --dir "$work/cli-inbox" --port "$port" >/dev/null 2>&1 &
pids+=($!)
sleep 1
EXCHANGE_PASSWORD=exchange-local "$work/exchange" upload --state "$work/cli-state" \
	--server "ftp://exchange@127.0.0.1:$port/" "$work/BIG.AL3" >/dev/null
cmp -s "$work/BIG.AL3" "$work/cli-inbox/BIG.AL3" || { echo "CLI: the file did not arrive intact" >&2; exit 1; }
cli=$(span "$work/cli-state")

# Window.
display=:$((250 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1
DISPLAY=$display EXCHANGE_STATE_DIR="$work/gui-state" EXCHANGE_INBOX="$work/gui-inbox" EXCHANGE_BUILTIN_PORT=$(freeport) \
	EXCHANGE_MACHINE_PROFILES="$work/none.json" "$work/exchange-gui" "$work/BIG.AL3" >/dev/null 2>&1 &
app=$!
pids+=($app)
for _ in $(seq 1 600); do
	[ -f "$work/gui-inbox/BIG.AL3" ] && [ "$(stat -c %s "$work/gui-inbox/BIG.AL3")" = "$bytes" ] && break
	sleep 0.2
done
sleep 1
kill "$app"
wait "$app" 2>/dev/null || true
cmp -s "$work/BIG.AL3" "$work/gui-inbox/BIG.AL3" || { echo "GUI: the file did not arrive intact" >&2; exit 1; }
gui=$(span "$work/gui-state")
awk -v b="$bytes" -v c="$cli" -v g="$gui" 'BEGIN {
	printf "%d MB, added to finished: command line %.2f s (%.0f MB/s), window %.2f s (%.0f MB/s)\n", b/1e6, c, b/c/1e6, g, b/g/1e6
	printf "window / command line: %.2f× (target at least 0.98×)\n", c/g
}'
