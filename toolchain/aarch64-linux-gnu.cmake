# Cross build for 64-bit Raspberry Pi OS / Debian arm64: Pi 3, 4, 5 (and Zero 2).
#   cmake --preset rpi-arm64      (or -DCMAKE_TOOLCHAIN_FILE=toolchain/aarch64-linux-gnu.cmake)
# Needs gcc-aarch64-linux-gnu and qemu-user-static on the host; the sysroot
# comes from toolchain/make-sysroot.sh arm64 (see cross-common.cmake).
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(BB_CROSS_TRIPLE aarch64-linux-gnu)
set(BB_CROSS_DEBARCH arm64)
set(BB_CROSS_QEMU qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/cross-common.cmake)
