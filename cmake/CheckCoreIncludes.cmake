# SPDX-License-Identifier: GPL-3.0-or-later

# cmake -DCORE_DIR=<core> -DLAYERS_FILE=<core_layers.cmake> -P CheckCoreIncludes.cmake
#
# Fails, naming file and line, when a file in core/<folder> includes "<other>/..." for a core folder that
# <folder> does not link (directly or through the libraries beneath it). LAYERS_FILE sets core_folders and
# core_reachable_<folder> (written by dockside_check_core_includes() in cmake/CoreLibrary.cmake).
cmake_minimum_required(VERSION 3.25)

if(NOT CORE_DIR OR NOT LAYERS_FILE)
  message(FATAL_ERROR "usage: cmake -DCORE_DIR=<dir> -DLAYERS_FILE=<file> -P CheckCoreIncludes.cmake")
endif()
include(${LAYERS_FILE})

set(violations "")
foreach(folder IN LISTS core_folders)
  file(GLOB files ${CORE_DIR}/${folder}/*.h ${CORE_DIR}/${folder}/*.cpp)
  foreach(file IN LISTS files)
    # One list element per line: ";" and brackets would split or join CMake list elements, so they go first.
    file(READ ${file} content)
    string(REGEX REPLACE "[][;]" "_" content "${content}")
    string(REPLACE "\\" "/" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")
    set(line_number 0)
    foreach(line IN LISTS lines)
      math(EXPR line_number "${line_number} + 1")
      if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"/]+)/")
        continue()
      endif()
      set(included_folder ${CMAKE_MATCH_1})
      if(NOT included_folder IN_LIST core_folders OR included_folder IN_LIST core_reachable_${folder})
        continue()
      endif()
      file(RELATIVE_PATH relative ${CORE_DIR}/.. ${file})
      set(links ${core_reachable_${folder}})
      list(REMOVE_ITEM links ${folder})
      string(REPLACE ";" " " links "${links}")
      string(APPEND violations
        "${relative}:${line_number}: ${folder} may not include ${included_folder}/ "
        "(${folder} links only: ${links}). Move the shared part down a layer "
        "(see docs/ARCHITECTURE.md) or declare the dependency in core/${folder}/CMakeLists.txt.\n")
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "Upward include in core:\n${violations}")
endif()
