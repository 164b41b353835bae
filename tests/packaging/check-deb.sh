#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the Debian package as a user's machine would see it: control fields and dependencies, the file list,
# the desktop entry, AppStream metadata, icons and manual pages, lintian, and the executables run from an
# extracted copy against the system's Qt.
#   tests/packaging/check-deb.sh PACKAGE.deb       check a package built with cpack -G DEB
#   tests/packaging/check-deb.sh --build BUILD_DIR  build the package from BUILD_DIR with cpack first
# Needs dpkg-deb, lintian, desktop-file-validate, appstreamcli, man and file (packaging/install-deps.sh --with-package).
set -euo pipefail

app_id=io.github.dockside.Dockside

usage() {
  sed -n '3,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() {
  echo "ok:   $*"
}
# expect_equal WHAT ACTUAL EXPECTED
expect_equal() {
  if [[ "$2" == "$3" ]]; then
    pass "$1: $2"
  else
    fail "$1 is '$2', expected '$3'"
  fi
}

for tool in dpkg-deb lintian desktop-file-validate appstreamcli man file; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-deb.sh: $tool is not installed; packaging/install-deps.sh --with-package installs it." >&2
    exit 3
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "${1:-}" in
  --build)
    [[ $# -eq 2 ]] || usage
    build_dir=$(cd "$2" && pwd)
    [[ -f "$build_dir/CPackConfig.cmake" ]] || {
      echo "check-deb.sh: $build_dir has no CPackConfig.cmake; configure and build it first." >&2
      exit 3
    }
    echo "Building the package from $build_dir"
    cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1 || {
      cat "$work/cpack.log" >&2
      echo "check-deb.sh: cpack failed." >&2
      exit 1
    }
    packages=("$work"/cpack/dockside_*.deb)
    ;;
  "" | -*)
    usage
    ;;
  *)
    [[ $# -eq 1 ]] || usage
    packages=("$1")
    ;;
esac
if [[ ${#packages[@]} -ne 1 || ! -f "${packages[0]}" ]]; then
  echo "check-deb.sh: expected one package, found: ${packages[*]}" >&2
  exit 3
fi
deb=$(cd "$(dirname "${packages[0]}")" && pwd)/$(basename "${packages[0]}")
echo "Checking $deb"

# Control fields: the name, the version every other file must agree with, and the dependencies.
field() { dpkg-deb --field "$deb" "$1"; }
expect_equal Package "$(field Package)" dockside
version=$(field Version)
upstream_version=${version%-*}
pass "Version: $version"
depends=$(field Depends)
recommends=$(field Recommends)
echo "      Depends: $depends"
echo "      Recommends: $recommends"
depends_on() { sed 's/^ *//; s/ .*//' <<<"${depends//[,|]/$'\n'}" | grep -qx "$1"; }
# libsecret and the SQL driver plugins are loaded at run time, so dpkg-shlibdeps cannot add them; the Qt libraries
# and QScintilla come from dpkg-shlibdeps, so finding them shows it ran.
for package in libsecret-1-0 libqt6sql6-sqlite libqt6sql6-psql libpq5 libqt6svg6 libqt6core6 libqt6widgets6 libqt6network6 libqt6keychain1 \
  libqscintilla2-qt6-15 libc6; do
  if depends_on "$package"; then pass "Depends on $package"; else fail "Depends lacks $package"; fi
done
if grep -q 'gnome-keyring' <<<"$recommends"; then
  pass "Recommends a keychain daemon"
else
  fail "Recommends lacks gnome-keyring | kwalletmanager"
fi

# Every file a user needs, owned by root.
dpkg-deb --contents "$deb" >"$work/contents"
expected=(
  "-rwxr-xr-x ./usr/bin/dockside"
  "-rwxr-xr-x ./usr/bin/dockside-cli"
  "-rw-r--r-- ./usr/share/applications/$app_id.desktop"
  "-rw-r--r-- ./usr/share/metainfo/$app_id.metainfo.xml"
  "-rw-r--r-- ./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  "-rw-r--r-- ./usr/share/man/man1/dockside.1.gz"
  "-rw-r--r-- ./usr/share/man/man1/dockside-cli.1.gz"
  "-rw-r--r-- ./usr/share/doc/dockside/copyright"
  "-rw-r--r-- ./usr/share/doc/dockside/changelog.Debian.gz"
  "-rw-r--r-- ./usr/share/lintian/overrides/dockside"
)
for size in 16 32 48 64 128 256; do
  expected+=("-rw-r--r-- ./usr/share/icons/hicolor/${size}x$size/apps/$app_id.png")
done
for entry in "${expected[@]}"; do
  mode=${entry%% *}
  path=${entry#* }
  line=$(awk -v path="$path" '$6 == path' "$work/contents")
  if [[ -z "$line" ]]; then
    fail "the package lacks $path"
  elif [[ $(awk '{print $1, $2}' <<<"$line") != "$mode root/root" ]]; then
    fail "$path is $(awk '{print $1, $2}' <<<"$line"), expected $mode root/root"
  else
    pass "$path"
  fi
done
if awk '$6 !~ /^\.\/usr\/(bin|share)\// && $6 != "./" && $6 != "./usr/" { found = 1; print } END { exit !found }' \
  "$work/contents" >"$work/stray"; then
  fail "files outside /usr/bin and /usr/share: $(cat "$work/stray")"
fi

dpkg-deb --extract "$deb" "$work/root"
share=$work/root/usr/share

# The menu entry and the AppStream metadata, validated as software centres read them; validate-tree also checks
# that the metainfo's launchable names the desktop entry that is really installed.
desktop=$share/applications/$app_id.desktop
if desktop-file-validate "$desktop"; then pass "desktop-file-validate"; else fail "desktop-file-validate"; fi
expect_equal "the desktop entry's Icon" "$(sed -n 's/^Icon=//p' "$desktop")" "$app_id"
exec_binary=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
if [[ -x "$work/root/usr/bin/$exec_binary" ]]; then
  pass "Exec=$exec_binary is in the package"
else
  fail "Exec=$exec_binary is not in /usr/bin"
fi
if appstreamcli validate --no-net --explain "$share/metainfo/$app_id.metainfo.xml" &&
  appstreamcli validate-tree --no-net "$work/root"; then
  pass "appstreamcli validate"
else
  fail "appstreamcli validate"
fi
metainfo_license=$(sed -n 's:.*<project_license>\(.*\)</project_license>.*:\1:p' "$share/metainfo/$app_id.metainfo.xml")
expect_equal "the metainfo's project_license" "$metainfo_license" "GPL-3.0-or-later"
metainfo_version=$(grep -o '<release version="[^"]*"' "$share/metainfo/$app_id.metainfo.xml" | head -n 1 | cut -d'"' -f2)
expect_equal "the metainfo's newest release" "$metainfo_version" "$upstream_version"

# Each PNG has the size its directory names.
for size in 16 32 48 64 128 256; do
  png=$share/icons/hicolor/${size}x$size/apps/$app_id.png
  [[ -f "$png" ]] || continue
  if file "$png" | grep -q "PNG image data, $size x $size,"; then
    pass "${size}x$size icon"
  else
    fail "$png is $(file -b "$png")"
  fi
done

# The manual pages render without a warning from groff, and name the package's version.
for page in dockside dockside-cli; do
  gz=$share/man/man1/$page.1.gz
  [[ -f "$gz" ]] || continue
  if LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$gz" >"$work/$page.txt" 2>"$work/$page.err" &&
    [[ ! -s "$work/$page.err" ]] && grep -q '^NAME' "$work/$page.txt"; then
    pass "man $page renders cleanly"
  else
    fail "man $page: $(cat "$work/$page.err")"
  fi
  if zcat "$gz" | grep -q "^\.TH .*\"Dockside $upstream_version\""; then
    pass "man $page names version $upstream_version"
  else
    fail "man $page's .TH line does not name Dockside $upstream_version"
  fi
done
# The machine-readable copyright names Dockside's licence and points at Debian's copy of its text.
copyright=$share/doc/dockside/copyright
if grep -qx 'License: GPL-3+' "$copyright" && grep -q '/usr/share/common-licenses/GPL-3' "$copyright"; then
  pass "the copyright file names GPL-3+"
else
  fail "the copyright file lacks a GPL-3+ stanza pointing at /usr/share/common-licenses/GPL-3"
fi
changelog_version=$(zcat "$share/doc/dockside/changelog.Debian.gz" | sed -n '1s/^dockside (\([^)]*\)).*/\1/p')
expect_equal "changelog.Debian's newest entry" "$changelog_version" "$version"

# The extracted executables find every library on the system (no LD_LIBRARY_PATH into a build tree) and run.
for binary in dockside dockside-cli; do
  if env -u LD_LIBRARY_PATH ldd "$work/root/usr/bin/$binary" | grep 'not found'; then
    fail "$binary links a library this system does not have"
  fi
done
# Qt may warn on standard error (no XDG_RUNTIME_DIR here); the version is what standard output says.
cli_version=$(env -u LD_LIBRARY_PATH "$work/root/usr/bin/dockside-cli" --version 2>"$work/cli.err") || true
expect_equal "dockside-cli --version" "$(head -n 1 <<<"$cli_version")" "dockside-cli $upstream_version"
if grep -q '^License GPL-3.0-or-later' <<<"$cli_version"; then
  pass "dockside-cli --version names the licence"
else
  fail "dockside-cli --version does not name GPL-3.0-or-later: $cli_version"
fi
gui_version=$(env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/dockside" --version \
  2>"$work/gui.err") || true
expect_equal "dockside --version" "$gui_version" "Dockside $upstream_version"
if [[ $failures -gt 0 ]]; then
  cat "$work/cli.err" "$work/gui.err" >&2
fi
# The stripped binary still carries its embedded resources: the built-in sample workspace loads.
if env -u LD_LIBRARY_PATH "$work/root/usr/bin/dockside-cli" templates list >"$work/templates" 2>&1 &&
  grep -q '^ID' "$work/templates"; then
  pass "dockside-cli templates list reads the built-in sample workspace"
else
  fail "dockside-cli templates list: $(cat "$work/templates")"
fi

# Lintian with the package's own overrides; errors and warnings fail, the rest is shown.
if lintian --display-info --fail-on error,warning "$deb" >"$work/lintian" 2>&1; then
  pass "lintian"
else
  fail "lintian"
fi
sed 's/^/      /' "$work/lintian"

if [[ $failures -gt 0 ]]; then
  echo "$failures check(s) failed for $deb" >&2
  exit 1
fi
echo "All checks passed for $deb"
