#!/usr/bin/env bash
# Sign, notarise and staple the disk image:  packaging/macos/notarize.sh dist/Parallax-<version>-arm64.dmg
#
# The app inside was already signed by PyInstaller with PARALLAX_CODESIGN_IDENTITY (see
# import_certificate.sh). Each step runs only when its credentials are configured and is
# skipped, with a message, otherwise, so unsigned builds (forks, local runs) still finish.
#
# Environment:
#   PARALLAX_CODESIGN_IDENTITY  Developer ID Application identity (set by import_certificate.sh)
#   Notarisation, either an app-specific password:
#     APPLE_ID, APPLE_APP_PASSWORD, APPLE_TEAM_ID
#   or an App Store Connect API key:
#     APPLE_API_KEY (base64 of the AuthKey_XXXX.p8), APPLE_API_KEY_ID, APPLE_API_ISSUER
set -euo pipefail

dmg="${1:?usage: notarize.sh DMG}"

if [[ -z "${PARALLAX_CODESIGN_IDENTITY:-}" ]]; then
    echo "macOS signing and notarisation skipped: no signing identity configured."
    exit 0
fi

codesign --force --timestamp --sign "$PARALLAX_CODESIGN_IDENTITY" "$dmg"
codesign --verify --verbose=2 "$dmg"

credentials=()
if [[ -n "${APPLE_API_KEY:-}" && -n "${APPLE_API_KEY_ID:-}" && -n "${APPLE_API_ISSUER:-}" ]]; then
    key_file="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/AuthKey_${APPLE_API_KEY_ID}.p8"
    echo "$APPLE_API_KEY" | base64 --decode > "$key_file"
    trap 'rm -f "$key_file"' EXIT
    credentials=(--key "$key_file" --key-id "$APPLE_API_KEY_ID" --issuer "$APPLE_API_ISSUER")
elif [[ -n "${APPLE_ID:-}" && -n "${APPLE_APP_PASSWORD:-}" && -n "${APPLE_TEAM_ID:-}" ]]; then
    credentials=(--apple-id "$APPLE_ID" --password "$APPLE_APP_PASSWORD" --team-id "$APPLE_TEAM_ID")
else
    echo "Notarisation skipped: no APPLE_ID/APPLE_APP_PASSWORD/APPLE_TEAM_ID nor App Store Connect API key configured."
    exit 0
fi

# Apple checks every binary in the image (hardened runtime, timestamps, Developer ID).
xcrun notarytool submit "$dmg" "${credentials[@]}" --wait --timeout 30m --output-format json | tee notarization.json
if ! grep -q '"status" *: *"Accepted"' notarization.json; then
    submission="$(sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' notarization.json | head -n 1)"
    [[ -n "$submission" ]] && xcrun notarytool log "$submission" "${credentials[@]}" || true
    echo "notarize.sh: notarisation was not accepted" >&2
    exit 1
fi
rm -f notarization.json
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
