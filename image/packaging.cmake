# Installation layout and the .deb (CPack). `cpack -G DEB` in a build directory
# makes eimza-kiosk_<version>_<arch>.deb; `apt install ./eimza-kiosk_*.deb` pulls
# the shared libraries it links (dpkg-shlibdeps) and the daemons it talks to.
set(image_dir ${PROJECT_SOURCE_DIR}/image)

install(TARGETS eimza-kiosk RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/eimza-kiosk)
install(FILES ${image_dir}/package/kiosk.yaml DESTINATION /etc/eimza-kiosk)
install(FILES ${image_dir}/package/trust/README DESTINATION /etc/eimza-kiosk/trust)
file(GLOB unit_files ${image_dir}/units/*.service ${image_dir}/units/*.timer)
install(FILES ${unit_files} DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/configuration.md
              ${PROJECT_SOURCE_DIR}/docs/content.md ${PROJECT_SOURCE_DIR}/docs/architecture.md
        DESTINATION share/doc/eimza-kiosk)

# Every file under /etc is the hospital's to edit: dpkg keeps their changes.
set(conffiles_file ${CMAKE_CURRENT_BINARY_DIR}/conffiles)
file(WRITE ${conffiles_file}
  "/etc/eimza-kiosk/kiosk.yaml\n/etc/eimza-kiosk/trust/README\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME eimza-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "eimza-kiosk maintainers <eimza-kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service kiosk for Kamu SM e-signature tokens")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Shows whether an inserted e-signature token is still good and walks the holder through the Kamu SM application, renewal and recovery processes, printing the forms to wet-sign. Never asks for or uses the token's PIN.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, pcscd, opensc, fontconfig, fonts-dejavu-core, ca-certificates, espeak-ng-data")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cage, seatd, xwayland, polkitd, libccid, cups, cups-filters, systemd-timesyncd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${conffiles_file} ${image_dir}/package/postinst ${image_dir}/package/prerm ${image_dir}/package/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES ON)
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
include(CPack)
