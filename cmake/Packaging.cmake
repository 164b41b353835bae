# SPDX-License-Identifier: GPL-3.0-or-later

# Installs Dockside as a desktop user gets it (both executables, the menu entry, icons, AppStream metadata, manual
# pages, the Debian copyright and changelog) and configures CPack for the Debian 12 package: `cpack -G DEB` in the
# build directory writes dockside_<version>-<release>_<arch>.deb. tests/packaging/check-deb.sh checks the result.
include(GNUInstallDirs)

# One reverse-DNS id names the desktop entry, the AppStream component and the icon.
set(DOCKSIDE_APP_ID io.github.dockside.Dockside)
# The project has no public home yet; this URL is the placeholder the metainfo's screenshots use as well, and the
# About box shows it (core/base/projectinfo.cpp).
set(DOCKSIDE_HOMEPAGE https://github.com/dockside-app/dockside)
set(DOCKSIDE_MAINTAINER "The Dockside developers <dockside@users.noreply.github.com>")
# packaging/debian/changelog's newest entry must name PROJECT_VERSION-DOCKSIDE_DEBIAN_RELEASE.
set(DOCKSIDE_DEBIAN_RELEASE 1)

# Directories in the package must be 0755 whatever the umask of the machine that builds it.
set(dockside_directory_permissions
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS ${dockside_directory_permissions})
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS ${dockside_directory_permissions})

set(dockside_packaging_dir ${CMAKE_CURRENT_SOURCE_DIR}/packaging)
set(dockside_generated_dir ${CMAKE_CURRENT_BINARY_DIR}/packaging)
set(dockside_doc_dir ${CMAKE_INSTALL_DATAROOTDIR}/doc/dockside)
set(dockside_packaging_outputs)

# Debian wants manual pages and changelogs compressed with gzip -9n (no name or time stamp, so builds reproduce).
function(dockside_gzip source compressed)
  string(REGEX REPLACE "\\.gz$" "" uncompressed ${compressed})
  add_custom_command(OUTPUT ${compressed}
    COMMAND ${CMAKE_COMMAND} -E copy ${source} ${uncompressed}
    COMMAND gzip -9nf ${uncompressed}
    DEPENDS ${source}
    COMMENT "Compressing ${compressed}"
    VERBATIM)
  set(dockside_packaging_outputs ${dockside_packaging_outputs} ${compressed} PARENT_SCOPE)
endfunction()

dockside_gzip(${dockside_packaging_dir}/man/dockside-cli.1 ${dockside_generated_dir}/man/dockside-cli.1.gz)
dockside_gzip(${dockside_packaging_dir}/debian/changelog ${dockside_generated_dir}/doc/changelog.Debian.gz)
install(FILES ${dockside_generated_dir}/man/dockside-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${dockside_generated_dir}/doc/changelog.Debian.gz ${dockside_packaging_dir}/debian/copyright
        DESTINATION ${dockside_doc_dir})
install(FILES ${dockside_packaging_dir}/debian/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides RENAME dockside)

if(DOCKSIDE_BUILD_GUI)
  dockside_gzip(${dockside_packaging_dir}/man/dockside.1 ${dockside_generated_dir}/man/dockside.1.gz)
  install(FILES ${dockside_generated_dir}/man/dockside.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${dockside_packaging_dir}/linux/${DOCKSIDE_APP_ID}.desktop
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
  install(FILES ${dockside_packaging_dir}/linux/${DOCKSIDE_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo)

  # The PNG sizes are rendered from the SVG at build time; 16 px has its own drawing on the pixel grid.
  find_program(DOCKSIDE_RSVG_CONVERT rsvg-convert)
  if(NOT DOCKSIDE_RSVG_CONVERT)
    message(FATAL_ERROR "rsvg-convert, which renders Dockside's PNG icons, was not found. Install librsvg2-bin "
                        "(packaging/install-deps.sh installs it) or configure with -DDOCKSIDE_BUILD_GUI=OFF.")
  endif()
  set(dockside_icon_dir ${CMAKE_CURRENT_SOURCE_DIR}/resources/icons)
  install(FILES ${dockside_icon_dir}/${DOCKSIDE_APP_ID}.svg
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps)
  foreach(size 16 32 48 64 128 256)
    set(svg ${dockside_icon_dir}/${DOCKSIDE_APP_ID}.svg)
    if(size EQUAL 16)
      set(svg ${dockside_icon_dir}/${DOCKSIDE_APP_ID}-16.svg)
    endif()
    set(png_dir ${dockside_generated_dir}/icons/${size}x${size})
    add_custom_command(OUTPUT ${png_dir}/${DOCKSIDE_APP_ID}.png
      COMMAND ${CMAKE_COMMAND} -E make_directory ${png_dir}
      COMMAND ${DOCKSIDE_RSVG_CONVERT} --width ${size} --height ${size} --output ${png_dir}/${DOCKSIDE_APP_ID}.png ${svg}
      DEPENDS ${svg}
      COMMENT "Rendering the ${size}x${size} icon"
      VERBATIM)
    list(APPEND dockside_packaging_outputs ${png_dir}/${DOCKSIDE_APP_ID}.png)
    install(FILES ${png_dir}/${DOCKSIDE_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
endif()

add_custom_target(dockside_packaging_files ALL DEPENDS ${dockside_packaging_outputs})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dockside)
set(CPACK_PACKAGE_VENDOR "The Dockside developers")
set(CPACK_PACKAGE_CONTACT "${DOCKSIDE_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL ${DOCKSIDE_HOMEPAGE})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "workbench for VoiceDock webhooks")
# Wrapped by hand: CPack copies its lines into the control file as they are.
set(CPACK_PACKAGE_DESCRIPTION_FILE ${dockside_packaging_dir}/debian/description)
# Debian ships stripped binaries; a RelWithDebInfo build keeps its symbols in the build tree.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${DOCKSIDE_DEBIAN_RELEASE})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${DOCKSIDE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps finds the libraries the executables link. It cannot see what is loaded at run time: Qt's SQL
# driver plugins (SQLite for the history, PostgreSQL for a team history), the SVG icon engine (the window icon) and
# libsecret, which QtKeychain opens with dlopen to reach the Secret Service.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6, libsecret-1-0")
# A keychain daemon answers QtKeychain; the Wayland plugin lets the window run natively instead of through XWayland.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
# The speak buttons need an engine plugin: flite is offline and small, speech-dispatcher has the desktop's voices and
# more languages.
if(DOCKSIDE_BUILD_GUI)
  string(APPEND CPACK_DEBIAN_PACKAGE_RECOMMENDS ", qt6-wayland, qt6-speech-flite-plugin | qt6-speech-speechd-plugin")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-speech-speechd-plugin, speech-dispatcher")
endif()

include(CPack)
