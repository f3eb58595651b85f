#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download cannot
# work on machines without internet access). Install it when missing and we may.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from Debian's packages for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
if [ -n "${PLAYWRIGHT_CHROMIUM:-}" ]; then exit 0; fi
echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (or set PLAYWRIGHT_CHROMIUM to a Chromium binary)." >&2
exit 1
