#!/usr/bin/env bash
# Builds the Windows installer from Linux: Exchange.exe (the window, with icon,
# manifest and version info, via `fyne package -os windows` and mingw),
# exchange-cli.exe (the command line: Windows names ignore case, so it cannot
# be exchange.exe beside Exchange.exe), then an x64 MSI with wixl.
#
# Optional Authenticode signing of both executables and the MSI:
#   SIGN_PKCS12=cert.p12 SIGN_PASSWORD=... packaging/windows/build-msi.sh
# Output: dist/windows/Exchange-<version>-x64.msi
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/local/go/bin:$PATH

need=(gcc-mingw-w64-x86-64 wixl imagemagick osslsigncode)
missing=()
for p in "${need[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	if [ "$(id -u)" != 0 ]; then
		echo "Run as root: apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
out=dist/windows
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# `fyne package` rewrites FyneApp.toml (it bumps Build): keep ours.
cp FyneApp.toml "$work/FyneApp.toml"
restore() { cp "$work/FyneApp.toml" FyneApp.toml; }

echo "== third-party notices and SBOMs (the licence check fails on an unknown or copyleft licence)"
# --embed: both executables built below carry the notices (exchange --licenses, About).
bash scripts/notices.sh --embed "$out" windows
cp "$out/THIRD_PARTY_NOTICES.txt" "$work/"
cp "$out/Exchange-$version-window-windows-amd64.cdx.json" "$work/Exchange.exe.cdx.json"
cp "$out/Exchange-$version-cli-windows-amd64.cdx.json" "$work/exchange-cli.exe.cdx.json"
cp LICENSE "$work/LICENSE.txt"

echo "== Exchange.exe (fyne package -os windows, release, trimpath)"
# The fyne tool is built for this machine first: the cross-compiler settings
# below must reach only the app's build, not the tool's own.
go build -o "$work/fyne" fyne.io/tools/cmd/fyne
. scripts/gui-tags.sh
# Debian's mingw needs libssp for the stack protector that fyne's CFLAGS turn on.
# The build date goes in through GOFLAGS' -ldflags, which fyne package adds to its own.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)} # one build date for both executables
stamp=$(bash scripts/build-stamp.sh)
if ! CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS="-Wl,-Bstatic -lssp -Wl,-Bdynamic" \
	GOFLAGS="-trimpath $(bash scripts/build-stamp.sh goflags)" "$work/fyne" package -os windows -release -tags "$GUI_TAGS" -name Exchange \
	-src cmd/exchange-gui -icon "$PWD/assets/icon.png" -app-id com.exchange.uploader -app-version "$version"; then
	restore
	exit 1
fi
restore
mv -f cmd/exchange-gui/Exchange.exe "$work/Exchange.exe"

echo "== exchange-cli.exe (command line)"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $stamp" -o "$work/exchange-cli.exe" ./cmd/exchange

sign() { # file
	[ -n "${SIGN_PKCS12:-}" ] || return 0
	osslsigncode sign -pkcs12 "$SIGN_PKCS12" ${SIGN_PASSWORD:+-pass "$SIGN_PASSWORD"} \
		-n "Exchange" -h sha256 -in "$1" -out "$1.signed" >/dev/null
	mv -f "$1.signed" "$1"
	echo "signed $(basename "$1")"
}
sign "$work/Exchange.exe"
sign "$work/exchange-cli.exe"

echo "== MSI (wixl)"
convert assets/icon.png -define icon:auto-resize=256,128,64,48,32,16 "$work/Exchange.ico"
# wixl wants source paths relative to where it runs.
sed -e "s|@VERSION@|$version|" -e "s|@EXE@|Exchange.exe|" -e "s|@CLI@|exchange-cli.exe|" \
	-e "s|@ICON@|Exchange.ico|" packaging/windows/exchange.wxs.in >"$work/exchange.wxs"
msi="$out/Exchange-$version-x64.msi"
(cd "$work" && wixl -a x64 -o Exchange.msi exchange.wxs)
mv -f "$work/Exchange.msi" "$msi"
sign "$msi"
cp "$work/Exchange.exe" "$work/exchange-cli.exe" "$out/"
ls -l "$out"
echo "sizes: Exchange.exe $(stat -c %s "$out/Exchange.exe") B, exchange-cli.exe $(stat -c %s "$out/exchange-cli.exe") B, MSI $(stat -c %s "$msi") B"
