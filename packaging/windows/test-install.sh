#!/usr/bin/env bash
# Install test of the Windows MSI, on Linux: under wine64 and Xvfb, install it
# silently as an administrator pushing an office-wide default profile would,
# check files, shortcuts and registry, start the installed Exchange.exe, take
# a screenshot and check a window was drawn, then uninstall and check it is gone.
#
#   packaging/windows/test-install.sh [MSI] [SCREENSHOT_DIR]
#
# Go 1.22+ programs need ProcessPrng from bcryptprimitives.dll, which wine 8
# lacks: a test-only DLL built here from wine-processprng/ provides it.
set -euo pipefail
cd "$(dirname "$0")/../.."
msi=${1:-$(ls -t dist/windows/Exchange-*-x64.msi | head -1)}
shots=${2:-dist/windows/install-test}
mkdir -p "$shots"
msi=$(realpath "$msi")

. packaging/windows/ensure-packages.sh
ensure_packages wine wine64 xvfb xdotool imagemagick gcc-mingw-w64-x86-64

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n;mscoree,mshtml="
display=:$((90 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY=$display
app=""
cleanup() {
	[ -n "$app" ] && kill "$app" 2>/dev/null || true
	wineserver -k 2>/dev/null || true
	kill "$xvfb" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== wine prefix"
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	packaging/windows/wine-processprng/processprng.c packaging/windows/wine-processprng/bcryptprimitives.def -ladvapi32

echo "== msiexec /i (silent, with an office default profile and the administrator's policies)"
wine msiexec /i "$msi" /qn SERVER_HOST=ftp.agency.example SERVER_USER=clerk SERVER_DIR=/incoming SERVER_MODE=active \
	'WATCH_DIR=C:\AIDOWN' WATCH_AFTER=keep \
	LOCK_PROFILES=1 REQUIRE_SECURE=1 DISABLE_BUILTIN_SERVER=1 DUPLICATES=skip ||
	fail "msiexec /i exited $?"
wineserver -w
pf="$WINEPREFIX/drive_c/Program Files/Exchange"
[ -f "$pf/Exchange.exe" ] || fail "Exchange.exe not installed in Program Files"
[ -f "$pf/exchange-cli.exe" ] || fail "exchange-cli.exe not installed in Program Files"
[ "$(stat -c %s "$pf/Exchange.exe")" -gt "$(stat -c %s "$pf/exchange-cli.exe")" ] || fail "Exchange.exe is not the window's executable"
lnk=$(find "$WINEPREFIX/drive_c" -iname 'Exchange.lnk' -path '*Start Menu*' | head -1)
[ -n "$lnk" ] || fail "no Start-menu shortcut"
sendto=$(find "$WINEPREFIX/drive_c" -iname 'Exchange (upload).lnk' -path '*SendTo*' | head -1)
[ -n "$sendto" ] || fail "no Send to shortcut"
wine reg query 'HKLM\Software\Exchange\DefaultProfile' /v Host 2>/dev/null | grep -q ftp.agency.example ||
	fail "default profile not in HKLM\\Software\\Exchange\\DefaultProfile"
wine reg query 'HKLM\Software\Exchange\Watch' /v Dir 2>/dev/null | grep -q 'C:\\AIDOWN' ||
	fail "machine-wide watch not in HKLM\\Software\\Exchange\\Watch"
wine reg query 'HKLM\Software\Exchange\Watch' /v After 2>/dev/null | grep -q keep ||
	fail "WATCH_AFTER not in HKLM\\Software\\Exchange\\Watch"
wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | grep -qi 'Exchange' ||
	fail "no uninstall entry"
echo "installed: $(ls "$pf" | tr '\n' ' '), shortcuts and registry present"
for v in LockProfiles=1 RequireSecure=1 DisableBuiltInServer=1 Duplicates=skip; do
	wine reg query 'HKLM\Software\Policies\Exchange' /v "${v%%=*}" 2>/dev/null | tr -d '\r' | grep -Eq "${v%%=*} +REG_SZ +${v#*=}\$" ||
		fail "policy ${v%%=*} is not ${v#*=} in HKLM\\Software\\Policies\\Exchange"
done
# A policy the administrator left empty (REJECT_WARNINGS) must not be on.
wine reg query 'HKLM\Software\Policies\Exchange' /v RejectWarnings 2>/dev/null | tr -d '\r' | grep -Eq 'RejectWarnings +REG_SZ *$' ||
	fail "RejectWarnings, not given, is not empty in HKLM\\Software\\Policies\\Exchange"
echo "policies in HKLM\\Software\\Policies\\Exchange: LockProfiles, RequireSecure, DisableBuiltInServer, Duplicates=skip"

echo "== licence, notices and SBOMs: installed, and the SBOMs beside the MSI"
[ -s "$pf/LICENSE.txt" ] || fail "LICENSE.txt not installed"
grep -q "github.com/jlaffaye/ftp" "$pf/THIRD_PARTY_NOTICES.txt" 2>/dev/null ||
	fail "THIRD_PARTY_NOTICES.txt not installed, or without jlaffaye/ftp's notice"
for sbom in "$pf/Exchange.exe.cdx.json" "$pf/exchange-cli.exe.cdx.json" \
	"$(dirname "$msi")"/Exchange-*-window-windows-amd64.cdx.json "$(dirname "$msi")"/Exchange-*-cli-windows-amd64.cdx.json; do
	python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); assert b["bomFormat"]=="CycloneDX" and len(b["components"])>10' "$sbom" ||
		fail "no CycloneDX SBOM at $sbom"
done
echo "notices $(stat -c %s "$pf/THIRD_PARTY_NOTICES.txt") B; SBOMs installed and beside the MSI"

echo "== the command line runs"
wine "$pf/exchange-cli.exe" help 2>/dev/null | grep -q "usage: exchange" || fail "exchange-cli.exe help did not run"
# Read whole, then searched: grep -q would close the pipe early, and pipefail would count that.
licences=$(wine "$pf/exchange-cli.exe" --licenses 2>&1) || fail "exchange-cli.exe --licenses exited $?"
grep -q "github.com/jlaffaye/ftp v0.2.4" <<<"$licences" || fail "exchange-cli.exe --licenses does not print the notices: $(head -c 300 <<<"$licences")"
facts=$(wine "$pf/exchange-cli.exe" version --verbose 2>/dev/null | tr -d '\r')
for want in "Version: " "Build date: 2" "OS/arch: windows/amd64" "State folder: C:"; do
	grep -q "^$want" <<<"$facts" || fail "exchange-cli.exe version --verbose lacks \"$want\": $facts"
done
echo "$facts" | sed 's/^/  /'

echo "== the installed command line obeys the policies from the registry"
# Each output is read whole before it is searched (see --licenses above);
# each refusal must name the administrator, so the clerk knows why.
cli() { timeout 120 wine "$pf/exchange-cli.exe" "$@" 2>&1 </dev/null | tr -d '\r'; }
out=$(cli profiles list) || true
grep -q "Agency server.*\[set by your administrator\]" <<<"$out" || fail "profiles list does not show the administrator's profile: $out"
out=$(cli profiles add Mine --server ftp://me@ftp.mine.example/in) && fail "profiles add was allowed with LOCK_PROFILES=1: $out"
grep -q "set by your administrator" <<<"$out" || fail "profiles add under LOCK_PROFILES=1 did not say why: $out"
out=$(cli serve) && fail "serve was allowed with DISABLE_BUILTIN_SERVER=1: $out"
grep -q "disabled by your administrator" <<<"$out" || fail "serve under DISABLE_BUILTIN_SERVER=1 did not say why: $out"
out=$(EXCHANGE_PASSWORD=not-used cli diagnose --profile "Agency server") || true
grep -q "your administrator requires an encrypted connection" <<<"$out" ||
	fail "diagnose of the plain-FTP default profile under REQUIRE_SECURE=1 did not refuse it: $out"
echo "profiles add, serve and a plain-FTP profile refused, each naming the administrator"

echo "== start the installed Exchange.exe"
EXCHANGE_STATE_DIR='C:\exchange-test-state' wine "$pf/Exchange.exe" >"$work/app.log" 2>&1 &
app=$!
win=""
for _ in $(seq 1 120); do
	win=$(xdotool search --name '^Exchange' 2>/dev/null | head -1 || true)
	[ -n "$win" ] && break
	sleep 1
done
[ -n "$win" ] || { cat "$work/app.log" >&2; fail "no Exchange window within 120 s"; }
sleep 8 # let it draw
import -window root "$shots/installed-app.png"
colours=$(convert "$shots/installed-app.png" -format %k info:)
echo "window $win drawn, screenshot $shots/installed-app.png has $colours colours"
((colours > 20)) || fail "the screenshot is nearly blank ($colours colours): the window was not drawn"
kill "$app" 2>/dev/null || true
app=""
wineserver -k 2>/dev/null || true

echo "== msiexec /x"
wine msiexec /x "$msi" /qn || fail "msiexec /x exited $?"
wineserver -w
[ ! -e "$pf/Exchange.exe" ] || fail "Exchange.exe still there after uninstall"
echo "PASS: MSI installs, runs and uninstalls"
