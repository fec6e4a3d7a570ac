#!/usr/bin/env bash
# Proves the Authenticode step: makes a throwaway code-signing certificate,
# builds the MSI signed with it, and verifies the signatures with osslsigncode
# against that certificate. The certificate lives only in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Exchange test signing (throwaway)" \
	-addext "extendedKeyUsage=codeSigning" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$work/cert.p12" -passout pass:throwaway
SIGN_PKCS12="$work/cert.p12" SIGN_PASSWORD=throwaway bash packaging/windows/build-msi.sh
for f in dist/windows/Exchange.exe dist/windows/exchange-cli.exe dist/windows/Exchange-*-x64.msi; do
	osslsigncode verify -CAfile "$work/cert.pem" -in "$f" >"$work/verify.log" 2>&1 ||
		{ cat "$work/verify.log" >&2; echo "FAIL: signature of $f does not verify" >&2; exit 1; }
	echo "signature verified: $f"
done
