#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the dashboard's browser test; prints the line that
# exports their paths, so CI can `eval "$(bash .ci/chromium.sh)"`. Everything else goes to stderr.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >&2
fi
chromium --version >&2
echo "export CUSTODY_TEST_CHROMIUM=$(command -v chromium) CUSTODY_TEST_CHROMEDRIVER=$(command -v chromedriver)"
