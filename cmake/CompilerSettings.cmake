# SPDX-License-Identifier: GPL-3.0-or-later

# Warnings as errors and the Qt string-safety definitions, applied to every Dockside target.
add_library(dockside_compile_options INTERFACE)
target_compile_options(dockside_compile_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wconversion -Wsign-conversion -Wnull-dereference -Wimplicit-fallthrough -Werror)
# GCC 12 at -O2/-O3 reports -Wrestrict inside std::string itself (GCC bug 105329), not in our code.
target_compile_options(dockside_compile_options INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
target_compile_definitions(dockside_compile_options INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY QT_NO_KEYWORDS QT_NO_FOREACH
  DOCKSIDE_VERSION="${PROJECT_VERSION}")

if(DOCKSIDE_SANITIZE)
  target_compile_options(dockside_compile_options INTERFACE
    -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # float-cast-overflow is outside GCC's "undefined" group; clang's fuzz build has it, so the suite needs it too.
  target_link_options(dockside_compile_options INTERFACE -fsanitize=address,undefined,float-cast-overflow)
endif()

if(DOCKSIDE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "DOCKSIDE_FUZZ needs clang for libFuzzer: configure with CC=clang CXX=clang++")
  endif()
  # Every Dockside target gets libFuzzer's coverage and the sanitizers; only the fuzzers link libFuzzer's main.
  target_compile_options(dockside_compile_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(dockside_compile_options INTERFACE -fsanitize=address,undefined)
endif()
