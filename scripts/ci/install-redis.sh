#!/usr/bin/env bash
# Installs Debian's redis-server (the queue tests' Redis) when it is missing; quiet, and a no-op when present.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
