#!/usr/bin/env bash
# Installs what building and testing Exchange needs on Debian/Ubuntu, and
# nothing when it is all there already (a dpkg query per package, no network).
#
#   scripts/install-deps.sh build   compilers and headers for Fyne (cgo, GL, X11, Wayland)
#   scripts/install-deps.sh test    build + the five FTP servers + OpenSSH's sshd + Xvfb tools for the GUI smoke test
#                                   + microsocks and tinyproxy for the proxy tests
#   scripts/install-deps.sh bench   test + curl and lftp, the peers the benchmarks compare against
#   scripts/install-deps.sh corpus  test + the spreadsheet writers scripts/gen-realworld-testdata.sh
#                                   runs (openpyxl, xlwt, Gnumeric: 19 MB download); the tests
#                                   use the checked-in files and need none of them
#
# As root it runs apt-get; otherwise it prints the exact apt-get line and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-test}
build_pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev)
smoke_pkgs=(xvfb x11-utils xdotool imagemagick python3-gi gir1.2-gtk-3.0 dbus dbus-x11 procps)
# OpenSSH's sshd and client: internal/sshtest runs sshd on loopback for the
# SFTP tests; the bench compares with sftp -b and scp (issue 19).
ssh_pkgs=(openssh-server openssh-client)

# Real proxies on loopback for the proxy tests (internal/proxytest): microsocks
# (SOCKS5, with and without a password) and tinyproxy-bin (HTTP CONNECT;
# the binary without the service that would start on install).
proxy_pkgs=(microsocks tinyproxy-bin)
bench_pkgs=(curl lftp time)
# bench/excel-template.sh writes its .xls and .xlsx with xlwt and openpyxl
bench_pkgs+=(python3-openpyxl python3-xlwt)
corpus_pkgs=(python3-openpyxl python3-xlwt gnumeric)

pkgs=("${build_pkgs[@]}")
case "$what" in
build) ;;
test) pkgs+=("${smoke_pkgs[@]}" "${ssh_pkgs[@]}" "${proxy_pkgs[@]}") ;;
bench) pkgs+=("${smoke_pkgs[@]}" "${ssh_pkgs[@]}" "${proxy_pkgs[@]}" "${bench_pkgs[@]}") ;;
corpus) pkgs+=("${smoke_pkgs[@]}" "${ssh_pkgs[@]}" "${proxy_pkgs[@]}" "${corpus_pkgs[@]}") ;;
*) echo "usage: $0 build|test|bench|corpus" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
	if [ "$(id -u)" != 0 ]; then
		echo "Exchange needs these packages. Run as root:" >&2
		echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$what" != build ]; then
	bash scripts/install-ftp-servers.sh
fi
