#!/usr/bin/env bash
# Put the Developer ID Application certificate into a temporary keychain, so that
# PyInstaller (PARALLAX_CODESIGN_IDENTITY, read by packaging/parallax.spec) and
# notarize.sh can sign with it. Does nothing when no certificate is configured.
#
# Environment (GitHub secrets in the release workflow):
#   MACOS_CERTIFICATE           base64 of the .p12 holding the certificate and its private key
#   MACOS_CERTIFICATE_PASSWORD  the .p12's password
#   MACOS_SIGNING_IDENTITY      optional, e.g. "Developer ID Application: Example Ltd (AB12CD34EF)";
#                               the first Developer ID Application identity found otherwise
# Prints the identity; under GitHub Actions also exports PARALLAX_CODESIGN_IDENTITY to later steps.
set -euo pipefail

if [[ -z "${MACOS_CERTIFICATE:-}" ]]; then
    echo "macOS signing skipped: no MACOS_CERTIFICATE configured (the app stays ad-hoc signed)."
    exit 0
fi

keychain="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/parallax-signing.keychain-db"
keychain_password="$(uuidgen)"
certificate="$(mktemp -t parallax-cert).p12"
trap 'rm -f "$certificate"' EXIT

echo "$MACOS_CERTIFICATE" | base64 --decode > "$certificate"
security create-keychain -p "$keychain_password" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"
security import "$certificate" -k "$keychain" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -T /usr/bin/codesign -T /usr/bin/security
security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain" >/dev/null
# Search the new keychain first, keeping the existing ones (their paths have no spaces).
# shellcheck disable=SC2046
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')

identity="${MACOS_SIGNING_IDENTITY:-}"
if [[ -z "$identity" ]]; then
    identity="$(security find-identity -v -p codesigning "$keychain" | sed -n 's/.*"\(Developer ID Application: .*\)"/\1/p' | head -n 1)"
fi
if [[ -z "$identity" ]]; then
    echo "import_certificate.sh: no Developer ID Application identity in the certificate" >&2
    exit 1
fi
echo "Signing identity: $identity"
if [[ -n "${GITHUB_ENV:-}" ]]; then
    echo "PARALLAX_CODESIGN_IDENTITY=$identity" >> "$GITHUB_ENV"
fi
