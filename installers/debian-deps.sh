#!/usr/bin/env bash
# System libraries Qt needs on Debian 12 (and UOS/Kylin), Xvfb for real screenshots,
# poppler for PDF checks; with --test also the PostgreSQL server the tests start a throwaway
# cluster of. Installs only what is missing; without root it names them.
set -eu
pkgs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxcb-shm0 libxcb-sync1 libx11-xcb1
poppler-utils sqlite3"
[ "${1:-}" = "--test" ] && pkgs="$pkgs postgresql"
command -v dpkg-query >/dev/null 2>&1 || { echo "debian-deps: not a Debian system; install Qt's libraries yourself."; exit 0; }
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "debian-deps: not root, skipping system packages. Ask an administrator to run: apt-get install$missing"
  exit 0
fi
echo "debian-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends $missing >/dev/null
