#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One entry point on a fresh Debian 12 machine: install what is missing, build, then start Dockside or run the tests.
#   packaging/dev.sh start              build and start the desktop app with its embedded sample workspace
#   packaging/dev.sh test               build and run every test suite
#   packaging/dev.sh test --sanitize    the same in an ASan + UBSan build
#   packaging/dev.sh test --no-gui      the same in a build without Widgets (core, CLI and their tests)
#   packaging/dev.sh test --fuzz        build the libFuzzer targets with clang and run each briefly from its corpus
#   packaging/dev.sh package            build the Debian package build-package/dockside_*.deb and check it
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

usage() {
  sed -n '3,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

configure_and_build() {
  local build_dir=$1
  shift
  cmake -S "$root" -B "$build_dir" -G Ninja "$@"
  cmake --build "$build_dir" --parallel "$jobs"
}

# The keychain tests need a Secret Service: a private D-Bus session with an unlocked gnome-keyring.
run_tests() {
  local build_dir=$1
  local home
  home=$(mktemp -d)
  trap 'rm -rf "$home"' RETURN
  HOME="$home" XDG_RUNTIME_DIR="$home" dbus-run-session -- sh -c '
    printf "%s" dockside-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec ctest --test-dir "$1" --output-on-failure --no-tests=error --parallel "$2" --timeout 300 $3
  ' sh "$build_dir" "$jobs" "${ctest_extra:-}"
}

# Each fuzzer runs DOCKSIDE_FUZZ_SECONDS (30) from a copy of its committed corpus and findings, so the run
# never changes the repository; a crash or a broken invariant fails it and leaves the input in the log.
run_fuzzers() {
  local build_dir=$1
  local seconds=${DOCKSIDE_FUZZ_SECONDS:-30}
  local work passed=0 failed=0 fuzzer name dictionary
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  for fuzzer in "$build_dir"/tests/fuzz/*_fuzzer; do
    [[ -x "$fuzzer" ]] || continue
    name=$(basename "$fuzzer" _fuzzer)
    mkdir -p "$work/$name"
    cp -R "$root/tests/fuzz/corpus/$name/." "$work/$name/"
    if [[ -d "$root/tests/fuzz/regressions/$name" ]]; then
      cp -R "$root/tests/fuzz/regressions/$name/." "$work/$name/"
    fi
    case "$name" in
      template | rules | http_request) dictionary="$root/tests/fuzz/$name.dict" ;;
      *) dictionary="$root/tests/fuzz/json.dict" ;;
    esac
    echo "fuzzing $name for ${seconds} s"
    if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -dict="$dictionary" -artifact_prefix="$work/$name-" "$work/$name" >"$work/$name.log" 2>&1; then
      passed=$((passed + 1))
      grep -E '^(stat::number_of_executed_units|stat::new_units_added)' "$work/$name.log" | sed "s/^/  /"
    else
      failed=$((failed + 1))
      tail -n 60 "$work/$name.log"
      for artifact in "$work/$name"-*; do
        [[ -e "$artifact" ]] || continue
        echo "finding $(basename "$artifact") (base64; save it under tests/fuzz/regressions/$name/):"
        base64 -w 0 "$artifact"
        echo
      done
    fi
  done
  echo "fuzz: $passed passed, $failed failed"
  if [[ $failed -eq 0 && $passed -gt 0 ]]; then
    return 0
  fi
  return 1
}

command=${1:-}
shift || true
case "$command" in
  start)
    "$root/packaging/install-deps.sh"
    configure_and_build "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOCKSIDE_BUILD_TESTS=OFF
    exec "$root/build/app/gui/dockside" "$@"
    ;;
  test)
    "$root/packaging/install-deps.sh" --with-tests
    variant=${1:-}
    case "$variant" in
      "")
        build_dir="$root/build-tests"
        configure_and_build "$build_dir" -DCMAKE_BUILD_TYPE=Debug
        ;;
      --sanitize)
        build_dir="$root/build-sanitize"
        configure_and_build "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DDOCKSIDE_SANITIZE=ON
        export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
        export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        ;;
      --no-gui)
        build_dir="$root/build-nogui"
        configure_and_build "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DDOCKSIDE_BUILD_GUI=OFF
        ;;
      --fuzz)
        build_dir="$root/build-fuzz"
        CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DDOCKSIDE_FUZZ=ON -DDOCKSIDE_BUILD_GUI=OFF -DDOCKSIDE_BUILD_TESTS=OFF
        cmake --build "$build_dir" --parallel "$jobs" --target dockside_fuzzers
        export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
        export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        run_fuzzers "$build_dir"
        exit
        ;;
      *)
        usage
        ;;
    esac
    run_tests "$build_dir"
    ;;
  package)
    "$root/packaging/install-deps.sh" --with-package
    build_dir="$root/build-package"
    # Debian's own build flags, hardening included (fortified functions, stack protector, full RELRO).
    flags() { (cd "$root" && DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1"); }
    configure_and_build "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOCKSIDE_BUILD_TESTS=OFF \
      "-DCMAKE_CXX_FLAGS=$(flags CPPFLAGS) $(flags CXXFLAGS)" "-DCMAKE_EXE_LINKER_FLAGS=$(flags LDFLAGS)"
    rm -f "$build_dir"/dockside_*.deb
    (cd "$build_dir" && cpack -G DEB)
    packages=("$build_dir"/dockside_*.deb)
    bash "$root/tests/packaging/check-deb.sh" "${packages[0]}"
    echo "Install it with: sudo apt install ${packages[0]}"
    ;;
  *)
    usage
    ;;
esac
