#!/bin/bash
# ci/package.sh: the Debian packages for amd64, arm64 and armhf.
#
#   bash ci/package.sh [--chroot]
#
# Packs the builds that ci/cross.sh made (build/deb-amd64, build/rpi-arm64,
# build/rpi-armhf; any that is missing is configured and built here) with
# CPack, copies the .debs to build/debs/, runs lintian on each (no error
# allowed) and checks the unit's `systemd-analyze security` exposure
# (<= 3.0) of both units.  With --chroot (or BB_PACKAGE_CHROOT=1) it then installs the
# amd64 package with apt in a fresh Debian bookworm chroot (debootstrap,
# cached as a tarball in build/pi-chroot-cache) and runs `briefboard --check`
# there as the package's user.  Needs root for the chroot.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$src/build
jobs=${BB_JOBS:-2}
mirror=${BB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
chroot_test=${BB_PACKAGE_CHROOT:-0}
[ "${1:-}" = --chroot ] && chroot_test=1
max_exposure=30            # systemd-analyze's scale: 30 = "3.0"
status=0
out=$build/debs
mkdir -p "$out"

say() { echo "== package: $*"; }

# What this needs beyond a build machine (scripts/install-deps.sh --ci
# installs all of it): say so up front, not halfway through.
for tool in cpack:cmake dpkg-shlibdeps:dpkg-dev lintian:lintian systemd-analyze:systemd; do
    command -v "${tool%%:*}" >/dev/null || {
        echo "ci/package.sh: ${tool%%:*} not found: apt-get install ${tool#*:}" \
             "(or scripts/install-deps.sh --ci)" >&2
        exit 1
    }
done

# ensure_build DIR CMAKE-ARGS...: a /usr-prefix build of the program
ensure_build() {
    local dir=$1
    shift
    if [ ! -x "$dir/src/briefboard" ]; then
        cmake "$@" -DCMAKE_INSTALL_PREFIX=/usr >"$dir.package-configure.log" 2>&1
        cmake --build "$dir" -j"$jobs" >"$dir.package-build.log" 2>&1
    fi
}

ensure_build "$build/deb-amd64" -S "$src" -B "$build/deb-amd64" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBB_BUILD_TESTS=OFF
ensure_build "$build/rpi-arm64" --preset rpi-arm64
ensure_build "$build/rpi-armhf" --preset rpi-armhf

for dir in deb-amd64 rpi-arm64 rpi-armhf; do
    say "cpack in build/$dir"
    rm -rf "$build/$dir/deb"
    if ! (cd "$build/$dir" && cpack -G DEB >cpack.log 2>&1); then
        tail -20 "$build/$dir/cpack.log"
        status=1
        continue
    fi
    deb=$(ls "$build/$dir"/deb/briefboard_*.deb)
    cp "$deb" "$out/"
    deb=$out/$(basename "$deb")
    echo "$(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
    # Depends must have come from dpkg-shlibdeps: the SDL and libconfig
    # libraries with versions, for every architecture.
    for lib in 'libsdl2-2.0-0 (>=' 'libsdl2-ttf-2.0-0 (>=' 'libconfig9' 'libc6 (>=' 'libmosquitto1 (>='; do
        if ! dpkg-deb -f "$deb" Depends | grep -qF "$lib"; then
            echo "FAILED: $(basename "$deb"): Depends lacks $lib"
            status=1
        fi
    done
    say "lintian $(basename "$deb")"
    if ! lintian --fail-on error --info "$deb"; then
        status=1
    fi
done

for name in briefboard briefboard-mqtt; do
    say "systemd-analyze security of $name.service"
    unit=$build/deb-amd64/packaging/$name.service
    systemd-analyze security --offline=true --threshold=$max_exposure "$unit" | tail -1
    if ! systemd-analyze security --offline=true --threshold=$max_exposure "$unit" >/dev/null 2>&1; then
        echo "FAILED: $name.service: exposure above $max_exposure"
        status=1
    fi
done

if [ "$chroot_test" = 1 ]; then
    say "installing the amd64 package in a fresh bookworm chroot"
    cache=$build/pi-chroot-cache
    tarball=$cache/bookworm-amd64-minbase.tgz
    mkdir -p "$cache"
    if [ ! -s "$tarball" ]; then
        rm -rf "$cache/make"
        debootstrap --variant=minbase --make-tarball="$tarball.tmp" bookworm "$cache/make" "$mirror" \
            >"$cache/tarball.log" 2>&1
        mv "$tarball.tmp" "$tarball"
    fi
    root=$(mktemp -d "$build/pi-chroot.XXXXXX")
    chmod 755 "$root"     # mktemp's 0700 would lock the package's user out of /
    cleanup() {
        for m in dev/pts dev sys proc; do
            mountpoint -q "$root/$m" && umount -l "$root/$m"
        done
        rm -rf "$root"
    }
    trap cleanup EXIT
    debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$root" "$mirror" \
        >"$cache/debootstrap.log" 2>&1
    mount -t proc proc "$root/proc"
    mount --bind /sys "$root/sys"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    cp "$out"/briefboard_*_amd64.deb "$root/tmp/"
    # No service may start inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    if chroot "$root" sh -c 'apt-get update -q >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                /tmp/briefboard_*_amd64.deb >/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }
            set -e
            id briefboard
            for g in video render input; do id -nG briefboard | grep -qw $g; done
            test -L /etc/systemd/system/multi-user.target.wants/briefboard.service
            id -nG briefboard-mqtt | grep -qw briefboard
            test ! -e /etc/systemd/system/multi-user.target.wants/briefboard-mqtt.service
            briefboard-mqtt --check --config /usr/share/doc/briefboard/examples/mqtt.cfg 2>&1 |
                grep -q "password file"
            briefboardctl --help >/dev/null
            dpkg-query -W -f="\${Conffiles}\n" briefboard | grep -q /etc/briefboard/briefboard.cfg
            cd /
            setpriv --reuid=briefboard --regid=briefboard --init-groups \
                env SDL_VIDEODRIVER=offscreen briefboard --check
            echo "briefboard --check: exit $?"
            apt-get purge -y -q briefboard >/dev/null
            test ! -e /usr/bin/briefboard'; then
        echo "ok: installed, checked, purged in a fresh bookworm chroot"
    else
        echo "FAILED: chroot install"
        status=1
    fi
fi

exit $status
