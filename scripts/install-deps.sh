#!/bin/sh
# Install what briefboard needs to build, run and test, from Debian's archive.
#
#   scripts/install-deps.sh           build + run (the display)
#   scripts/install-deps.sh --test    also what the test suite needs
#   scripts/install-deps.sh --ci      also fuzzing and the Raspberry Pi cross checks
#
# Works as root or through sudo.  Safe to run again: apt skips what is there.
set -eu

want_test=0
want_ci=0
for arg in "$@"; do
    case "$arg" in
        --test) want_test=1 ;;
        --ci) want_test=1; want_ci=1 ;;
        *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

# Build and run: the compiler, CMake, the SDL2 family, libconfig, fonts;
# ICU for dates in the screen's language and gettext's msgfmt for the
# message catalogs (po/).
pkgs="build-essential cmake pkg-config
      libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libconfig-dev
      libfontconfig-dev libfribidi-dev libsystemd-dev libdrm-dev
      libxml2-dev libjson-c-dev libical-dev libmosquitto-dev libqrencode-dev
      libicu-dev gettext
      fonts-dejavu-core fonts-noto-core fonts-noto-cjk
      tzdata"
# Tests: headless rendering uses Mesa through SDL's offscreen driver;
# valgrind for the memcheck run; curl and a loopback web server (python3)
# for the fleet-fetch tests and the docs checks, openssl for the fetch test's
# HTTPS server certificate; groff to render the generated man page
# (docs_config); a real MQTT broker and its command-line clients for the
# fleet tests (tests/fleet: the test starts its own mosquitto on 127.0.0.1 on
# a free port, so a system mosquitto on 1883, if the package starts one, is
# not in its way); zbarimg (zbar-tools) reads the QR codes back from
# screenshots.
[ "$want_test" = 1 ] && pkgs="$pkgs libegl1 libgl1-mesa-dri valgrind curl python3 ca-certificates groff-base openssl
      mosquitto mosquitto-clients zbar-tools"
# CI extras: libFuzzer (clang), the cross builds for the Pi under qemu-user,
# the packages' lintian check (ci/package.sh), and the Pi image and its boot
# test (toolchain/slow-check.sh: debootstrap, qemu-system-aarch64, the disk
# tools); v4l-utils' cec-ctl for checking HDMI-CEC by hand.
[ "$want_ci" = 1 ] && pkgs="$pkgs clang libclang-rt-dev
      gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf libc6-dev-arm64-cross libc6-dev-armhf-cross
      qemu-user-static dpkg-dev file lintian
      debootstrap binfmt-support qemu-system-arm qemu-utils dosfstools mtools fdisk e2fsprogs
      v4l-utils"

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086  # word splitting of the package list is intended
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 $pkgs
