#!/usr/bin/env bash
# The core's tests as Windows binaries, on Linux: `go test -c` with
# GOOS=windows for each package that needs no display, each run under wine64
# in its own source folder (testdata is found as on Windows: Z:\...), then
# the pass/fail/skip counts. Tests that cannot run under wine skip only when
# they detect it (internal/wine), saying why.
#
#   packaging/windows/test-windows.sh [PACKAGE...]     (make test-windows)
#   TEST_WINDOWS_RUN=Regexp packaging/windows/test-windows.sh uploader
#                                    (only those tests, as go test -run)
#
# Go 1.22+ programs need ProcessPrng, which wine 8 lacks: the test-only DLL
# from wine-processprng/ provides it, as in the install test.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/local/go/bin:$PATH
root=$PWD

# The packages whose tests need no display. The real FTP servers
# (vsftpd, pure-ftpd, proftpd, pyftpdlib) are Linux programs: the harness's
# broker (internal/ftptest/broker) runs them on loopback for the Windows
# test binaries, which reach their folders through wine's Z: drive.
# internal/ftptest's own tests are the harness's (Linux process groups,
# /proc, the broker itself): they run on Linux only.
pkgs=("$@")
((${#pkgs[@]})) || pkgs=(validate validate/al3 validate/excel validate/report profile cli localserver
	uploader uploader/watch transport/ftpclient diagnose
	internal/about internal/notices internal/selfsigned internal/sockerr internal/testwait internal/units internal/vulnreport internal/wine)

. packaging/windows/ensure-packages.sh
ensure_packages wine wine64 gcc-mingw-w64-x86-64

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n;mscoree,mshtml="
broker=""
cleanup() {
	wineserver -k 2>/dev/null || true
	[ -n "$broker" ] && kill "$broker" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
start=$(date +%s)

echo "== wine prefix"
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	packaging/windows/wine-processprng/processprng.c packaging/windows/wine-processprng/bcryptprimitives.def -ladvapi32

echo "== the test-server broker (the real Linux FTP servers, on loopback)"
go build -o "$work/broker" ./internal/ftptest/broker
"$work/broker" -addr-file "$work/broker.addr" >"$work/broker.log" 2>&1 &
broker=$!
for _ in $(seq 1 100); do [ -s "$work/broker.addr" ] && break; sleep 0.1; done
[ -s "$work/broker.addr" ] || { cat "$work/broker.log" >&2; echo "FAIL: the broker did not start" >&2; exit 1; }
export EXCHANGE_FTPTEST_BROKER=$(cat "$work/broker.addr")

# Wine 8 lacks the file-deletion call Go uses first and answers in a way Go's
# fallback does not expect: the overlay adds, to these test binaries only,
# the switch to Go's own fallback when running under wine (see the file).
cat >"$work/overlay.json" <<JSON
{"Replace": {"$(go env GOROOT)/src/internal/syscall/windows/zz_deleteat_wine.go": "$root/packaging/windows/wine-overlay/deleteat_wine.go.txt"}}
JSON

echo "== go test -c, GOOS=windows (${#pkgs[@]} packages)"
built=()
for p in "${pkgs[@]}"; do
	exe="$work/$(tr / _ <<<"$p").test.exe"
	if GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -overlay "$work/overlay.json" -c -o "$exe" "./$p" >"$work/build.log" 2>&1; then
		[ -f "$exe" ] && built+=("$p")
	else
		echo "BUILD FAIL $p:"; cat "$work/build.log"
		echo "$p" >>"$work/buildfail"
	fi
done
# exchange-cli.exe as the MSI ships it (no overlay), for the CLI's
# end-to-end tests (cli/upload_windows_test.go).
if GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -o "$work/exchange-cli.exe" ./cmd/exchange >"$work/build.log" 2>&1; then
	export EXCHANGE_CLI_EXE="Z:${work//\//\\}\\exchange-cli.exe"
else
	echo "BUILD FAIL exchange-cli.exe:"; cat "$work/build.log"
	echo "cmd/exchange" >>"$work/buildfail"
fi
echo "built in $(($(date +%s) - start)) s"

# A UNC share for the tests: wine maps \\server\share to the folder
# $WINEPREFIX/dosdevices/unc/server/share points to.
mkdir -p "$work/share" "$WINEPREFIX/dosdevices/unc/fileserver"
ln -s "$work/share" "$WINEPREFIX/dosdevices/unc/fileserver/share"
export EXCHANGE_TEST_UNC_SHARE='\\fileserver\share'

echo "== run under wine64"
# Windows has no Unix file modes, so what the tests make through Z: for a
# server's Unix user (a folder to upload into) gets only the umask's: 0 lets
# that user write there, as Chmod(0777) does on Linux.
umask 0
export EXCHANGE_UNDER_WINE=1 CI=${CI:-} EXCHANGE_TEST_TIMEOUT_SCALE=${EXCHANGE_TEST_TIMEOUT_SCALE:-6}
for p in "${built[@]}"; do
	exe="$work/$(tr / _ <<<"$p").test.exe"
	t0=$(date +%s)
	rc=0
	(cd "$root/$p" && wine "$exe" -test.v -test.timeout 20m ${TEST_WINDOWS_RUN:+-test.run "$TEST_WINDOWS_RUN"}) >"$work/run.log" 2>&1 || rc=$?
	tr -d '\r' <"$work/run.log" >"$work/$(tr / _ <<<"$p").log"
	log="$work/$(tr / _ <<<"$p").log"
	pass=$(grep -cE '^\s*--- PASS' "$log" || true)
	fail=$(grep -cE '^\s*--- FAIL' "$log" || true)
	skip=$(grep -cE '^\s*--- SKIP' "$log" || true)
	printf '%-24s %4d passed %3d failed %3d skipped  %3d s  exit %d\n' "$p" "$pass" "$fail" "$skip" $(($(date +%s) - t0)) "$rc"
	if ((rc != 0)); then
		grep -E '^\s*--- FAIL|^\s+\S+_test\.go:[0-9]+:|^panic:|^FAIL' "$log" | awk 'NR <= 40' || true
		echo "$p" >>"$work/failed"
	fi
	grep -E '^\s*--- SKIP' -A1 "$log" | grep -E '_test\.go:[0-9]+:' | sed 's/^ */    skip: /' || true
	cat "$log" >>"$work/all.log"
done
mkdir -p .cache && cp "$work/all.log" .cache/test-windows.log
pass=$(grep -cE '^\s*--- PASS' "$work/all.log" || true)
fail=$(grep -cE '^\s*--- FAIL' "$work/all.log" || true)
skip=$(grep -cE '^\s*--- SKIP' "$work/all.log" || true)
echo "test-windows: ${#built[@]} packages as Windows binaries under $(wine --version) in $(($(date +%s) - start)) s (log: .cache/test-windows.log)"
echo "windows: $pass passed, $fail failed, $skip skipped"
if [ -s "$work/failed" ] || [ -s "$work/buildfail" ]; then
	echo "FAIL: $(cat "$work/failed" "$work/buildfail" 2>/dev/null | tr '\n' ' ')" >&2
	exit 1
fi
