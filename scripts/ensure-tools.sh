#!/usr/bin/env bash
# The tests drive real clients, from Debian's packages: Chromium for the pane
# (playwright cannot download its own browsers here), LibreOffice Calc and
# openpyxl (for /usr/bin/python3) to open every result file as a recipient
# would. Installs what is missing when we may; otherwise says how.
set -u
PACKAGES="chromium libreoffice-calc python3-openpyxl"
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc"
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing="$missing python3-openpyxl"
if [ -z "$missing" ]; then exit 0; fi
echo "Saknas:$missing; installerar Debians paket …" >&2
if [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >/dev/null && exit 0
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >/dev/null && exit 0
fi
echo "Kunde inte installera$missing. Kör: sudo apt-get install -y $PACKAGES" >&2
exit 1
