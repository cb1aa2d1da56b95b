# Shared part of the cross toolchain files: a Debian cross compiler from the
# host (gcc-<triple>) and a sysroot assembled from Debian bookworm packages
# by make-sysroot.sh.  The including file sets BB_CROSS_TRIPLE,
# BB_CROSS_DEBARCH, BB_CROSS_QEMU and CMAKE_SYSTEM_PROCESSOR.
#
# The sysroot is BB_SYSROOT (cache variable or environment), by default
# <source>/build/sysroot-<debarch>.  When BB_SYSROOT_AUTO is on (the default)
# a missing or outdated sysroot is assembled at configure time: about 40 s
# the first time, and downloads only into the sysroot's own cache.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${BB_CROSS_TRIPLE}-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE ${BB_CROSS_TRIPLE})

if(NOT BB_SYSROOT)
  if(DEFINED ENV{BB_SYSROOT} AND NOT "$ENV{BB_SYSROOT}" STREQUAL "")
    set(BB_SYSROOT "$ENV{BB_SYSROOT}")
  else()
    get_filename_component(BB_SYSROOT
      "${CMAKE_CURRENT_LIST_DIR}/../build/sysroot-${BB_CROSS_DEBARCH}" ABSOLUTE)
  endif()
endif()
set(BB_SYSROOT "${BB_SYSROOT}" CACHE PATH "Target sysroot (toolchain/make-sysroot.sh)")
option(BB_SYSROOT_AUTO "Assemble the sysroot at configure time when missing" ON)
# try_compile projects re-read this file: hand them the same sysroot.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES BB_SYSROOT BB_SYSROOT_AUTO)

# Only the top-level configure runs the script; it is a no-op (a stamp
# check) when the sysroot is complete.
if(BB_SYSROOT_AUTO AND NOT CMAKE_IN_TRY_COMPILE)
  execute_process(
    COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/make-sysroot.sh" ${BB_CROSS_DEBARCH} "${BB_SYSROOT}"
    RESULT_VARIABLE _bb_sysroot_result)
  if(NOT _bb_sysroot_result EQUAL 0)
    message(FATAL_ERROR "toolchain/make-sysroot.sh ${BB_CROSS_DEBARCH} failed")
  endif()
endif()
if(NOT EXISTS "${BB_SYSROOT}/.bb-sysroot")
  message(FATAL_ERROR "No ${BB_CROSS_DEBARCH} sysroot at ${BB_SYSROOT}: "
                      "run toolchain/make-sysroot.sh ${BB_CROSS_DEBARCH}")
endif()

set(CMAKE_SYSROOT "${BB_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${BB_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config must see the target's .pc files only, with paths rebased into
# the sysroot.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${BB_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
  "${BB_SYSROOT}/usr/lib/${BB_CROSS_TRIPLE}/pkgconfig:${BB_SYSROOT}/usr/share/pkgconfig:${BB_SYSROOT}/usr/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# CTest (and anything using the emulator) runs target programs under
# qemu-user; -L makes the dynamic loader and libraries come from the sysroot.
# binfmt_misc is not needed.
find_program(BB_CROSS_QEMU_PATH ${BB_CROSS_QEMU})
if(NOT BB_CROSS_QEMU_PATH)
  set(BB_CROSS_QEMU_PATH ${BB_CROSS_QEMU})
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR "${BB_CROSS_QEMU_PATH};-L;${BB_SYSROOT}")

# Packaging (cmake/Packaging.cmake): the Debian architecture, and where
# dpkg-shlibdeps finds the target's libraries and their package database.
set(BB_DEB_ARCH ${BB_CROSS_DEBARCH})
