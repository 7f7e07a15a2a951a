#!/usr/bin/env bash
# Installs Debian's redis-server (the queue tests' Redis) when it is missing; quiet, and a no-op when present.
# A failed install is a warning, not a failure: the queue tests then skip and say why.
set -uo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server; } >/dev/null 2>&1; then
  echo "warning: could not install redis-server; the queue tests will be skipped" >&2
fi
exit 0
