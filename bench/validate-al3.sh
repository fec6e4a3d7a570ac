#!/usr/bin/env bash
# AL3 validator figures: throughput against a plain read of the same file (same
# buffer size), and peak memory (max RSS) for a 200 MB and a 400 MB file, which
# must not grow with the file. Then the Go benchmarks (MB/s and B/op).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/al3tool" ./bench/al3tool

best() { # best of 3 runs: prints the line with the highest MB/s
	for _ in 1 2 3; do "$@"; done | sort -k4 -n | tail -1
}
rss() { # max resident set size in KiB of one run
	/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
}

echo "size_MB  check_MB/s  read_MB/s  ratio  check_maxRSS_KiB  read_maxRSS_KiB"
for mb in 200 400; do
	f="$tmp/large-$mb.al3"
	"$tmp/al3tool" gen "$mb" "$f"
	cat "$f" >/dev/null # warm the page cache for both readers
	check=$(best "$tmp/al3tool" check "$f")
	read=$(best "$tmp/al3tool" read "$f")
	c=$(awk '{print $4}' <<<"$check")
	r=$(awk '{print $4}' <<<"$read")
	printf "%-8s %-11s %-10s %-6s %-17s %s\n" "$mb" "$c" "$r" "$(awk -v c="$c" -v r="$r" 'BEGIN{printf "%.2f", c/r}')" \
		"$(rss "$tmp/al3tool" check "$f")" "$(rss "$tmp/al3tool" read "$f")"
	rm -f "$f"
done

f="$tmp/compressed.al3"
"$tmp/al3tool" gen 200 "$f" compressed
echo "run-length compressed file (MB/s of compressed input): $(best "$tmp/al3tool" check "$f" | awk '{print $4}')"
rm -f "$f"

echo "Go benchmarks (200 MB files):"
go test -run '^$' -bench 'Check|PlainRead' -benchmem -benchtime 3x ./validate/al3/ | grep -E '^Benchmark'
