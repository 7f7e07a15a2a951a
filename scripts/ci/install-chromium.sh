#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests, only when it is missing
# (the tests skip, saying why, where no browser starts). Quiet unless something fails.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; the browser tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; } >"$log" 2>&1; then
  echo "install-chromium: apt-get install chromium failed; the browser tests will be skipped:" >&2
  tail -5 "$log" >&2
fi
rm -f "$log"
