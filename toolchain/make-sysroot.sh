#!/bin/sh
# make-sysroot.sh ARCH [DIR]: assemble a Debian bookworm sysroot for cross
# building and for running the cross-built program under qemu-user.
#
#   ARCH  arm64 (Pi 3/4/5, 64-bit OS) or armhf (ARMv7: Pi 2 and later)
#   DIR   where to put it (default: <repo>/build/sysroot-ARCH)
#
# The host's installed package set is never touched: apt runs with its own
# state (an empty dpkg status, its own lists and archive cache) and only
# downloads; the packages are unpacked with dpkg-deb -x.  No maintainer
# script runs, so nothing in the sysroot is configured: it is headers,
# libraries, pkg-config files and CMake package files, which is all a
# compiler, a linker and qemu-user's dynamic loader need.
#
# A finished sysroot carries a stamp naming its package list; a second run
# with the same list is a no-op (about 10 ms), so callers run it every time.
# The downloaded .debs are kept in DIR.state/archives and reused.
#
# Environment:
#   BB_DEBIAN_MIRROR           default http://deb.debian.org/debian
#   BB_DEBIAN_SECURITY_MIRROR  default http://deb.debian.org/debian-security
#   BB_SYSROOT_EXTRA           more packages to add (space separated)
set -eu

SUITE=bookworm
# Bump when the layout of a sysroot changes, to force a rebuild.
FORMAT=5

usage() {
    echo "usage: $0 arm64|armhf [DIR]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
arch=$1
case $arch in
    arm64) triple=aarch64-linux-gnu ;;
    armhf) triple=arm-linux-gnueabihf ;;
    *) usage ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
dir=${2:-$here/../build/sysroot-$arch}
mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")
state=$dir.state

mirror=${BB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
secmirror=${BB_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# What the build links against (the display program, the core, the tests:
# keep in step with the pkg_check_modules/find_package in the CMakeLists),
# and what running it under qemu needs on top: Mesa's EGL and software
# rasteriser for SDL's offscreen driver.  Fonts are deliberately not kept
# (see below).
packages="libc6-dev libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libconfig-dev
libfontconfig-dev libfribidi-dev libsystemd-dev libxml2-dev libjson-c-dev libical-dev libmosquitto-dev libqrencode-dev libdrm-dev
libicu-dev
libegl1 libegl-mesa0 libgl1-mesa-dri libgles2 ${BB_SYSROOT_EXTRA:-}"

# The place is part of the stamp: the dpkg database names absolute paths.
stamp_text=$(printf 'format %s\nsuite %s\narch %s\ndir %s\nmirror %s\npackages %s\n' \
    "$FORMAT" "$SUITE" "$arch" "$dir" "$mirror" "$(echo $packages)")

if [ -f "$dir/.bb-sysroot" ] && [ "$(cat "$dir/.bb-sysroot")" = "$stamp_text" ]; then
    exit 0
fi

for tool in apt-get dpkg-deb flock; do
    command -v $tool >/dev/null || { echo "$0: $tool not found" >&2; exit 1; }
done

mkdir -p "$state/archives/partial" "$state/lists/partial" "$state/sources.list.d" \
         "$state/preferences.d"
# Two configures (arm64 and armhf presets, or two engineers) may race here.
exec 9>"$state/lock"
flock 9
# The other one may have finished it while we waited.
if [ -f "$dir/.bb-sysroot" ] && [ "$(cat "$dir/.bb-sysroot")" = "$stamp_text" ]; then
    exit 0
fi

echo "make-sysroot: assembling the $arch sysroot in $dir" >&2
: >"$state/status"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$state/sources.list" <<EOF
deb [arch=$arch signed-by=$keyring] $mirror $SUITE main
deb [arch=$arch signed-by=$keyring] $mirror $SUITE-updates main
deb [arch=$arch signed-by=$keyring] $secmirror $SUITE-security main
EOF

# shellcheck source=toolchain/target-apt.sh
. "$here/target-apt.sh"
apt_target() { target_apt "$arch" "$state" "$state/status" "$@"; }

if ! apt_target update >"$state/apt.log" 2>&1; then
    # Seen here: the mirror's armhf security index out of sync with its
    # Release file.  Build from bookworm + bookworm-updates then, rather
    # than not at all: a build sysroot only needs matching ABIs.
    grep -v -- "-security" "$state/sources.list" >"$state/sources.list.new"
    mv "$state/sources.list.new" "$state/sources.list"
    echo "make-sysroot: warning: the security suite's index failed; using $SUITE and $SUITE-updates only" >&2
    apt_target update >>"$state/apt.log" 2>&1 || { cat "$state/apt.log" >&2; exit 1; }
fi
# shellcheck disable=SC2086
apt_target install -y --download-only $packages >>"$state/apt.log" 2>&1 \
    || { cat "$state/apt.log" >&2; exit 1; }

# Unpack into a fresh directory and move it into place only when complete,
# so an interrupted run never leaves a sysroot that looks finished.
tmp=$dir.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
# Only the versions apt picks now: the archive may hold older ones from an
# earlier run.  The simulation lists every package with its version.
apt_target install -y -s $packages 2>/dev/null \
    | sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2/p' >"$state/inst.txt"
: >"$state/debs.txt"
while read -r name version; do
    v=$(echo "$version" | sed 's/:/%3a/')
    deb=$(cd "$state/archives" && ls "${name%%:*}_${v}_"*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || { echo "make-sysroot: $name $version was not downloaded" >&2; exit 1; }
    echo "$deb" >>"$state/debs.txt"
done <"$state/inst.txt"
# Beside the files, a dpkg database of what went in, for dpkg-shlibdeps
# (DPKG_ADMINDIR=<sysroot>/var/lib/dpkg): each package's symbols/shlibs
# files, and file lists naming the files at their final place in the
# sysroot, which is where dpkg-shlibdeps finds the libraries.
admin=$tmp/var/lib/dpkg
mkdir -p "$admin/info" "$admin/updates" "$admin/triggers"
echo 1 >"$admin/info/format"
: >"$admin/status"
count=0
while read -r deb; do
    dpkg-deb -x "$state/archives/$deb" "$tmp"
    name=$(dpkg-deb -f "$state/archives/$deb" Package)
    if dpkg-deb -f "$state/archives/$deb" Multi-Arch | grep -qx same; then
        name=$name:$arch
    fi
    ctl=$state/control
    rm -rf "$ctl"
    dpkg-deb -e "$state/archives/$deb" "$ctl"
    for f in symbols shlibs; do
        [ ! -f "$ctl/$f" ] || cp "$ctl/$f" "$admin/info/$name.$f"
    done
    dpkg-deb -c "$state/archives/$deb" \
        | sed -e 's/ -> .*//' -e 's/^.* \.\//\//' -e 's/\/$//' -e "s|^/|$dir/|" \
        | grep -v -e '^$' -e "^$dir\$" >"$admin/info/$name.list" || true
    {
        dpkg-deb -f "$state/archives/$deb" | sed '/^Package:/a Status: install ok installed'
        echo
    } >>"$admin/status"
    count=$((count + 1))
done <"$state/debs.txt"
[ "$count" -gt 0 ] || { echo "make-sysroot: no packages unpacked" >&2; exit 1; }

# Absolute symlinks point into the host once the sysroot is not /: make them
# relative (libfoo.so -> /lib/<triple>/libfoo.so.1 and the like).
find "$tmp" -type l | while read -r link; do
    target=$(readlink "$link")
    case $target in
        /*)
            rel=$(realpath -m --relative-to="$(dirname "$link")" "$tmp$target")
            ln -sfn "$rel" "$link"
            ;;
    esac
done

# Fonts and their configuration stay out: under qemu-user -L a path found in
# the sysroot hides the host's, so fontconfig then sees the host's fonts and
# configuration exactly like the native build, and renders compare equal.
rm -rf "$tmp/etc/fonts" "$tmp/usr/share/fonts" "$tmp/var/cache/fontconfig"
# Documentation is a third of the size and nothing reads it.
rm -rf "$tmp/usr/share/doc" "$tmp/usr/share/man" "$tmp/usr/share/info" "$tmp/usr/share/locale"

# The cross compiler's own libgcc/crt lives outside the sysroot; nothing
# else is needed.  Record what went in, then publish.
sed 's/_.*//' "$state/debs.txt" | sort >"$tmp/.bb-sysroot-packages"
printf '%s\n' "$stamp_text" >"$tmp/.bb-sysroot"
rm -rf "$dir"
mv "$tmp" "$dir"
echo "make-sysroot: $arch sysroot ready: $count packages in $dir" >&2
