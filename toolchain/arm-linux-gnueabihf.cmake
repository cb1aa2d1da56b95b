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
