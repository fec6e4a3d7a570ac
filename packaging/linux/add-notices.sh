#!/usr/bin/env bash
# Adds Exchange's LICENSE and the third-party notices to the top of the
# tar.xz that `fyne package -os linux` made (beside its Makefile), and
# checks they are in it.
#   packaging/linux/add-notices.sh dist/linux/Exchange.tar.xz dist/linux/THIRD_PARTY_NOTICES.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
archive=$(realpath "$1")
notices=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
xz -dc "$archive" >"$work/package.tar"
cp LICENSE "$work/LICENSE"
cp "$notices" "$work/THIRD_PARTY_NOTICES.txt"
tar -C "$work" -rf "$work/package.tar" LICENSE THIRD_PARTY_NOTICES.txt
xz -T1 -c "$work/package.tar" >"$archive.new"
mv -f "$archive.new" "$archive"
listing=$(tar -tJf "$archive")
for f in LICENSE THIRD_PARTY_NOTICES.txt; do
	grep -qx "$f" <<<"$listing" || { echo "FAIL: $f is not in $archive" >&2; exit 1; }
done
echo "$(basename "$archive"): LICENSE and THIRD_PARTY_NOTICES.txt added"
