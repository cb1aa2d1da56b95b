# Install rules and the Debian package (CPack DEB).
#
#   cmake -S . -B build/deb -DCMAKE_INSTALL_PREFIX=/usr
#   cmake --build build/deb && (cd build/deb && cpack -G DEB)
#
# The package is for a /usr prefix: that is what puts the config under /etc
# (GNUInstallDirs), the unit under /lib/systemd/system and the compiled-in
# BB_DATADIR at /usr/share/briefboard.  Cross builds (toolchain/*.cmake) set
# BB_DEB_ARCH and BB_SYSROOT; dpkg-shlibdeps then reads the sysroot's
# libraries and its dpkg database (built by toolchain/make-sysroot.sh).

set(BB_PKG_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(BB_PKG_OUT ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${BB_PKG_OUT})

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  # Debian bookworm's place for units shipped by packages.
  set(_bb_unitdir_default /lib/systemd/system)
else()
  set(_bb_unitdir_default ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()
set(BB_SYSTEMD_UNITDIR ${_bb_unitdir_default} CACHE PATH "Where the systemd unit is installed")
set(BB_PKG_DATADIR ${CMAKE_INSTALL_DATADIR}/briefboard)
set(BB_PKG_CONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/briefboard)

# --- Assets: what the sample config shows (PNG/JPEG; the SVGs are their
# sources and stay out) ---
# The sample names them "../assets/NAME" relative to config/; installed,
# the program finds such a path under BB_DATADIR with the leading "../"
# removed (docs/config.md, "Where the file is"), so they go to
# /usr/share/briefboard/assets and the conffile is the sample unchanged.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${BB_PKG_DATADIR}/assets
        FILES_MATCHING PATTERN "*.png" PATTERN "*.jpg" PATTERN "*.jpeg")

# --- The config: every file in config/ (the sample and what it includes) ---
file(GLOB BB_CONFIG_FILES LIST_DIRECTORIES false CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/config/*)
set(BB_CONFFILES "")
foreach(_src IN LISTS BB_CONFIG_FILES)
  get_filename_component(_name ${_src} NAME)
  install(FILES ${_src} DESTINATION ${BB_PKG_CONFDIR})
  string(APPEND BB_CONFFILES "${BB_PKG_CONFDIR}/${_name}\n")
endforeach()
# --- Examples to start from (a conference lobby, a door display), with
# their made-up programme: documentation, not conffiles. ---
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/examples/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/briefboard/examples)
# Every file under /etc is a conffile: dpkg keeps the admin's edits.
file(WRITE ${BB_PKG_OUT}/conffiles "${BB_CONFFILES}")

# --- Hardening the packaged program the way Debian's build flags do: full
# RELRO (the GOT read-only after start-up).  PIE and the stack protector are
# the compiler's defaults on Debian. ---
foreach(_prog briefboard briefboardctl briefboard-mqtt)
  if(TARGET ${_prog})
    target_link_options(${_prog} PRIVATE -Wl,-z,relro,-z,now)
  endif()
endforeach()

# --- The service ---
file(READ ${BB_PKG_DIR}/briefboard.service _unit)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${BB_PKG_DIR}/briefboard.service)
string(REPLACE "/usr/bin/briefboard" "${CMAKE_INSTALL_FULL_BINDIR}/briefboard" _unit "${_unit}")
file(GENERATE OUTPUT ${BB_PKG_OUT}/briefboard.service CONTENT "${_unit}")
install(FILES ${BB_PKG_OUT}/briefboard.service DESTINATION ${BB_SYSTEMD_UNITDIR})
# Fleet content fetch (curl + atomic rename), off until an operator enables
# the timer and names the files to fetch.
install(FILES ${BB_PKG_DIR}/briefboard-fetch.service ${BB_PKG_DIR}/briefboard-fetch.timer
        DESTINATION ${BB_SYSTEMD_UNITDIR})
install(PROGRAMS ${BB_PKG_DIR}/briefboard-fetch DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/briefboard)
# The MQTT bridge's unit: off until /etc/briefboard/mqtt.cfg exists and an
# operator enables it; its example settings go with the docs, not to /etc.
if(TARGET briefboard-mqtt)
  file(READ ${BB_PKG_DIR}/briefboard-mqtt.service _unit)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${BB_PKG_DIR}/briefboard-mqtt.service)
  string(REPLACE "/usr/bin/briefboard-mqtt" "${CMAKE_INSTALL_FULL_BINDIR}/briefboard-mqtt" _unit "${_unit}")
  string(REPLACE "/etc/briefboard/" "${BB_PKG_CONFDIR}/" _unit "${_unit}")
  file(GENERATE OUTPUT ${BB_PKG_OUT}/briefboard-mqtt.service CONTENT "${_unit}")
  install(FILES ${BB_PKG_OUT}/briefboard-mqtt.service DESTINATION ${BB_SYSTEMD_UNITDIR})
  install(FILES ${BB_PKG_DIR}/mqtt.cfg.example DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/briefboard/examples
          RENAME mqtt.cfg)
endif()

# --- Man pages and Debian docs, compressed as Debian policy wants (gzip -n:
# no name or time stamp, so the package is reproducible) ---
find_program(BB_GZIP gzip REQUIRED)
set(_bb_gz_outputs "")
function(bb_gzip_install src dest_dir dest_name)
  set(out ${BB_PKG_OUT}/gz/${dest_name}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${BB_PKG_OUT}/gz
    COMMAND ${BB_GZIP} -9n -c ${src} > ${out}
    DEPENDS ${src} VERBATIM)
  install(FILES ${out} DESTINATION ${dest_dir} RENAME ${dest_name}.gz)
  set(_bb_gz_outputs ${_bb_gz_outputs} ${out} PARENT_SCOPE)
endfunction()

# briefboard.cfg(5) is generated from docs/config.md at build time, so the
# config reference exists once (scripts/md2man.awk says why awk); the test
# docs_config checks that it names every setting the parser accepts.
find_program(BB_AWK NAMES mawk gawk awk REQUIRED)
set(BB_CFG_MAN ${PROJECT_BINARY_DIR}/docs/briefboard.cfg.5)
add_custom_command(OUTPUT ${BB_CFG_MAN}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/docs
  COMMAND ${BB_AWK} -v name=briefboard.cfg -v section=5 -v version=${PROJECT_VERSION}
          -v "summary=configuration file of briefboard" -v synopsis=/etc/briefboard/briefboard.cfg
          -f ${PROJECT_SOURCE_DIR}/scripts/md2man.awk ${PROJECT_SOURCE_DIR}/docs/config.md > ${BB_CFG_MAN}
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/config.md ${PROJECT_SOURCE_DIR}/scripts/md2man.awk VERBATIM)
add_custom_target(bb_man ALL DEPENDS ${BB_CFG_MAN})
bb_gzip_install(${PROJECT_SOURCE_DIR}/docs/briefboard.1 ${CMAKE_INSTALL_MANDIR}/man1 briefboard.1)
bb_gzip_install(${BB_CFG_MAN} ${CMAKE_INSTALL_MANDIR}/man5 briefboard.cfg.5)
# The fleet tools' pages, hand-written.
bb_gzip_install(${PROJECT_SOURCE_DIR}/docs/briefboardctl.1 ${CMAKE_INSTALL_MANDIR}/man1 briefboardctl.1)
if(TARGET briefboard-mqtt)
  bb_gzip_install(${PROJECT_SOURCE_DIR}/docs/briefboard-mqtt.1 ${CMAKE_INSTALL_MANDIR}/man1 briefboard-mqtt.1)
endif()

# The Debian changelog's newest entry must carry the package's version.
set(BB_DEB_REVISION 1 CACHE STRING "Debian revision of the package")
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(_bb_epoch "$ENV{SOURCE_DATE_EPOCH}")
else()
  string(TIMESTAMP _bb_epoch "%s" UTC)
endif()
execute_process(COMMAND date -u -R -d @${_bb_epoch}
                OUTPUT_VARIABLE BB_DEB_DATE OUTPUT_STRIP_TRAILING_WHITESPACE)
set(BB_DEB_VERSION ${PROJECT_VERSION}-${BB_DEB_REVISION})
configure_file(${BB_PKG_DIR}/changelog.in ${BB_PKG_OUT}/changelog.Debian @ONLY)
set(_bb_docdir ${CMAKE_INSTALL_DATADIR}/doc/briefboard)
bb_gzip_install(${BB_PKG_OUT}/changelog.Debian ${_bb_docdir} changelog.Debian)
install(FILES ${BB_PKG_DIR}/copyright DESTINATION ${_bb_docdir})
bb_gzip_install(${PROJECT_SOURCE_DIR}/docs/fleet.md ${_bb_docdir} fleet.md)
if(EXISTS ${BB_PKG_DIR}/lintian-overrides)
  install(FILES ${BB_PKG_DIR}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
          RENAME briefboard)
endif()
add_custom_target(bb_package_docs ALL DEPENDS ${_bb_gz_outputs})

# --- CPack DEB ---
if(NOT BB_DEB_ARCH)
  execute_process(COMMAND dpkg --print-architecture
                  OUTPUT_VARIABLE BB_DEB_ARCH OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME briefboard)
set(CPACK_PACKAGE_VENDOR "briefboard")
set(CPACK_PACKAGE_CONTACT "briefboard maintainers <maintainers@briefboard.example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-screen briefing and countdown display for kiosks")
# CPack puts the summary first and indents and dots the lines itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"briefboard shows briefing slides (key takeaways, figures, quotes, pictures)
and counts down to scheduled talks on wall kiosks and conference lobby
screens.  Everything it shows comes from one libconfig file,
/etc/briefboard/briefboard.cfg, reloaded when it changes.

It runs full screen straight on KMS/DRM without a desktop, started at boot
by a hardened systemd service as the unprivileged user briefboard, or in a
window on a Linux desktop.

For fleets of screens: briefboardctl, a client for the display's local
control socket (status, next slide, override message, power, screenshot),
and briefboard-mqtt, a bridge to an MQTT broker with Home Assistant
discovery (off until configured).")
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${BB_DEB_REVISION})
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${BB_DEB_ARCH})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# Linked libraries (SDL2, libconfig, libxml2, libqrencode4, ...) come from
# dpkg-shlibdeps.  What SDL loads with dlopen()
# does not show up there: EGL/GLES and Mesa's drivers for KMS/DRM (a minimal
# system lacks libegl1: "EGL not initialized"), and a font for fontconfig to
# find, with fontconfig's fc-cache keeping the system font cache current (or
# every start scans the font files).  adduser is for postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    # libicu72 (dates and times in the screen's language, linked) is named too:
    # its CLDR data must be there even where shlibdeps sees no sysroot.
    "adduser, libegl1, libgles2, libgl1-mesa-dri, fontconfig, fonts-dejavu-core, libicu72")
# curl: the fetch service (briefboard-fetch) for schedules named by URL.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core, fonts-noto-cjk, systemd-timesyncd | time-daemon, curl")
# The broker itself runs elsewhere (or here, for a one-machine fleet).
# libdrm2 (panel power, hot-plug) comes from dpkg-shlibdeps with the rest;
# cec-ctl from v4l-utils is how to check HDMI-CEC by hand (docs/raspberry-pi.md).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "mosquitto, mosquitto-clients, v4l-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${BB_PKG_DIR}/postinst ${BB_PKG_DIR}/prerm ${BB_PKG_DIR}/postrm ${BB_PKG_OUT}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/deb)

if(CMAKE_CROSSCOMPILING AND BB_SYSROOT)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
      ${BB_SYSROOT}/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} ${BB_SYSROOT}/lib/${CMAKE_LIBRARY_ARCHITECTURE})
  # Read by cpack at packaging time: dpkg-shlibdeps then checks target ELF
  # files with the target's objdump and looks libraries up in the sysroot's
  # dpkg database.
  set(BB_CPACK_ENV "set(ENV{DEB_HOST_ARCH} \"${BB_DEB_ARCH}\")\nset(ENV{DPKG_ADMINDIR} \"${BB_SYSROOT}/var/lib/dpkg\")\n")
else()
  set(BB_CPACK_ENV "")
endif()
file(WRITE ${BB_PKG_OUT}/CPackProjectConfig.cmake "${BB_CPACK_ENV}")
set(CPACK_PROJECT_CONFIG_FILE ${BB_PKG_OUT}/CPackProjectConfig.cmake)

include(CPack)
