#!/usr/bin/env bash
# Installs the real FTP servers the tests talk to, fast when already done.
#
# vsftpd, pure-ftpd and proftpd conflict in apt (each "Provides: ftp-server"),
# so apt can install only one: their packages are downloaded and unpacked side
# by side into a private prefix (default /opt/exchange-ftp, or
# EXCHANGE_FTP_PREFIX), with their runtime libraries installed by apt.
# pyftpdlib comes from Debian as python3-pyftpdlib (+ python3-openssl for TLS).
set -euo pipefail
prefix=${EXCHANGE_FTP_PREFIX:-/opt/exchange-ftp}
servers=(vsftpd pure-ftpd proftpd-core proftpd-mod-crypto)
# What the unpacked servers link against, and pyftpdlib.
runtime=(python3-pyftpdlib python3-openssl openssl libssl3 libcap2 libwrap0 libpam0g libpam-modules
	libsodium23 libmaxminddb0 libmemcached11 libmemcachedutil2 libhiredis0.14 libsasl2-2 libacl1 libncursesw6
	libpcre2-posix3 libidn2-0 passwd)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${runtime[@]}"; do installed "$p" || missing+=("$p"); done
# What the tests run; a package is unpacked again when any of its files is gone.
declare -A provides=([vsftpd]=usr/sbin/vsftpd [pure-ftpd]="usr/sbin/pure-ftpd usr/bin/pure-pw"
	[proftpd-core]=usr/sbin/proftpd [proftpd-mod-crypto]=usr/lib/proftpd/mod_tls.so)
for s in "${servers[@]}"; do
	for f in ${provides[$s]}; do [ -e "$prefix/$f" ] || rm -f "$prefix/.done-$s"; done
done
unpacked=1
for s in "${servers[@]}"; do [ -f "$prefix/.done-$s" ] || unpacked=0; done
if ((${#missing[@]} == 0)) && ((unpacked)); then
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "The FTP test servers are missing. Run as root:" >&2
	echo "  apt-get update && apt-get install -y ${missing[*]} && EXCHANGE_FTP_PREFIX=$prefix bash $0" >&2
	exit 1
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
updated=0
apt_update() { ((updated)) || { apt-get update -qq; updated=1; }; }
if ((${#missing[@]})); then
	# Some library names differ between releases: install those that exist.
	available=()
	for p in "${missing[@]}"; do
		if apt-cache show "$p" >/dev/null 2>&1 || { apt_update; apt-cache show "$p" >/dev/null 2>&1; }; then
			available+=("$p")
		fi
	done
	((${#available[@]})) && apt-get install -y -qq --no-install-recommends "${available[@]}" >/dev/null
fi
mkdir -p "$prefix"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in "${servers[@]}"; do
	[ -f "$prefix/.done-$s" ] && continue
	(cd "$work" && { apt-get download "$s" >/dev/null 2>&1 || { apt_update && apt-get download "$s" >/dev/null; }; })
	deb=$(ls "$work"/"${s}"_*.deb)
	dpkg-deb -x "$deb" "$prefix"
	# The unpacked binaries must find every library they link against.
	for f in $(dpkg-deb -c "$deb" | awk '{print $6}' | grep -E '/usr/sbin/(vsftpd|pure-ftpd|proftpd)$|mod_tls\.so$' || true); do
		if missing_libs=$(ldd "$prefix/${f#./}" | grep 'not found'); then
			echo "$s: ${f#./} needs libraries that are not installed:" >&2
			echo "$missing_libs" >&2
			exit 1
		fi
	done
	touch "$prefix/.done-$s"
	rm -f "$deb"
done
echo "FTP test servers ready in $prefix ($(($(date +%s) - start)) s): $(ls "$prefix/usr/sbin" | tr '\n' ' ')"
