#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Dockside needs to build, test and run; only what is missing.
# --with-package adds the tools that check the .deb, --with-tests those and the test tools, --with-bench all.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
  # The team history (core/teamhistory): Qt's PostgreSQL driver, and libpq for cancelling a query.
  libqt6sql6-psql libpq-dev
  qtkeychain-qt6-dev libsecret-1-0
  libhttp-parser-dev libsqlite3-dev zlib1g-dev libxxhash-dev libgtest-dev libgmock-dev libvalijson-dev libqscintilla2-qt6-dev libxkbcommon-dev libgl-dev
  librsvg2-bin
  # Read aloud (ui/speech); Debian 12's qt6-speech-dev needs qt6-declarative-dev for its CMake package, yet does not
  # depend on it.
  qt6-speech-dev qt6-declarative-dev
)
test_packages=(
  gnome-keyring dbus-daemon dbus-x11 xvfb xauth imagemagick fonts-dejavu-core curl
  # The fuzzers (libFuzzer comes with clang's runtime) and the mutated requests of the hostile-client tests;
  # radamsa is not in Debian 12, zzuf is.
  clang libclang-rt-14-dev zzuf
  # The relay's HTTPS tests make a throw-away self-signed certificate with the openssl command.
  openssl
  # A real speech engine for the speak button's tests: offline, no daemon.
  qt6-speech-flite-plugin
  # The team history's tests start a throw-away PostgreSQL cluster (pg_virtualenv).
  postgresql postgresql-common
)
# What tests/packaging/check-deb.sh runs on the .deb; the test suite runs it too.
package_packages=(dpkg-dev file lintian desktop-file-utils appstream man-db)

bench_packages=(wrk nginx-light valgrind)

wanted=("${build_packages[@]}")
if [[ "${1:-}" == "--with-bench" ]]; then
  wanted+=("${bench_packages[@]}")
fi
if [[ "${1:-}" == "--with-tests" || "${1:-}" == "--with-bench" || "${1:-}" == "--with-package" ]]; then
  wanted+=("${package_packages[@]}")
fi
if [[ "${1:-}" == "--with-tests" || "${1:-}" == "--with-bench" ]]; then
  wanted+=("${test_packages[@]}")
  # Some machines ship Node.js from another repository with npm inside; Debian's npm conflicts with it.
  command -v node >/dev/null 2>&1 || wanted+=(nodejs)
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
fi

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
