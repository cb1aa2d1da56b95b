# Cross build for 32-bit Raspberry Pi OS / Debian armhf (ARMv7 + VFPv3-D16):
# Pi 2 and later, not Pi 1 / Zero (ARMv6).
#   cmake --preset rpi-armhf      (or -DCMAKE_TOOLCHAIN_FILE=toolchain/arm-linux-gnueabihf.cmake)
# Needs gcc-arm-linux-gnueabihf and qemu-user-static on the host; the sysroot
# comes from toolchain/make-sysroot.sh armhf (see cross-common.cmake).
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(BB_CROSS_TRIPLE arm-linux-gnueabihf)
set(BB_CROSS_DEBARCH armhf)
set(BB_CROSS_QEMU qemu-arm-static)
include(${CMAKE_CURRENT_LIST_DIR}/cross-common.cmake)

# 32-bit ARM: 64-bit file offsets (LFS).  Without them readdir() fails with
# EOVERFLOW on file systems with 64-bit inode numbers (zoneinfo scans, test
# corpora).  64-bit time_t (_TIME_BITS=64) is NOT set globally: bookworm's
# armhf libical has time_t in its interface and is built with 32 bits, so
# only the modules that do their own time arithmetic with glibc set it
# (bb_clock.c, the time tests).
set(CMAKE_C_FLAGS_INIT "-D_FILE_OFFSET_BITS=64")
