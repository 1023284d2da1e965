#!/usr/bin/env bash
# Build the .deb for Debian 12, UOS and Kylin from the PyInstaller folder (`make dist` calls this).
#   installers/linux/build-deb.sh BUILT_FOLDER OUT_DIR
# The program goes to /opt/yikatong; `ykt` and `yikatong` are linked into /usr/bin; a .desktop entry,
# the icon and the MIME type of .ykt packages (double-click opens the import preview) are registered.
# Data never lives under /opt: each user's data folder is ~/.local/share/yikatong (platformdirs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
built="$1"
out="$2"
version="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"
arch="$(dpkg --print-architecture)"
[ -x "$built/ykt" ] && [ -x "$built/yikatong" ] || { echo "build-deb: $built holds no PyInstaller build" >&2; exit 2; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/pkg"
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/icons/hicolor/256x256/apps" "$pkg/usr/share/mime/packages" "$pkg/usr/share/doc/yikatong"
cp -a "$built" "$pkg/opt/yikatong"
ln -s /opt/yikatong/ykt "$pkg/usr/bin/ykt"
ln -s /opt/yikatong/yikatong "$pkg/usr/bin/yikatong"
install -m 644 "$here/yikatong.desktop" "$pkg/usr/share/applications/yikatong.desktop"
install -m 644 "$root/resources/icons/yikatong.png" "$pkg/usr/share/icons/hicolor/256x256/apps/yikatong.png"
install -m 644 "$here/yikatong-mime.xml" "$pkg/usr/share/mime/packages/yikatong.xml"
cp -r "$root/resources/licenses/." "$pkg/usr/share/doc/yikatong/"
install -m 644 "$root/resources/fonts/"LICENSE-* "$pkg/usr/share/doc/yikatong/"
size_kb="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
# The newest glibc symbol any bundled binary needs: a system with an older glibc must not take the
# package (it would install and then not start). The build machine's glibc sets it: to support an older
# UOS or Kylin, build there (installers/README.md).
glibc="$(find "$built" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1 || true)"
[ -n "$glibc" ] || glibc="$(ldd --version | head -1 | grep -o '[0-9][0-9.]*$')"

sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size_kb/" -e "s/@GLIBC@/$glibc/" "$here/control.in" > "$pkg/DEBIAN/control"
install -m 755 "$here/postinst" "$pkg/DEBIAN/postinst"
install -m 755 "$here/postrm" "$pkg/DEBIAN/postrm"

mkdir -p "$out"
deb="$out/yikatong_${version}_${arch}.deb"
# gzip: every dpkg reads it (UOS 20 and Kylin V10 have a dpkg older than zstd), and xz took minutes.
dpkg-deb --root-owner-group -Zgzip -z6 --build "$pkg" "$deb" >/dev/null
echo "$deb"
