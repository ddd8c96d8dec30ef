#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright cannot download its own
# browsers here). Installs it when missing and we may; otherwise says how.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium saknas (/usr/bin/chromium); installerar Debians paket chromium …" >&2
if [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null && exit 0
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null && exit 0
fi
echo "Kunde inte installera Chromium. Kör: sudo apt-get install -y chromium" >&2
exit 1
