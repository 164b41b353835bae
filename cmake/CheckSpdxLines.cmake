# SPDX-License-Identifier: GPL-3.0-or-later

# cmake -DSOURCE_DIR=<tree> [-DFIX=ON] -P CheckSpdxLines.cmake
#
# Fails, naming each file, when a source file under SOURCE_DIR lacks "SPDX-License-Identifier: GPL-3.0-or-later"
# as a comment on its first line (its second after a "#!" line). Source files are C++ (.cpp, .h), CMake
# (CMakeLists.txt, .cmake), scripts (.sh, .py, .lua, .js) and any other file that starts with "#!". Test data
# (tests/data, the fuzz corpora and regressions) is not source and is left out.
# With FIX=ON it adds the line to each such file instead (after the #! line, else first with a blank line after),
# except to a file that already names some other licence.
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<dir> -P CheckSpdxLines.cmake")
endif()

# Only these folders: build directories may sit inside the source tree and hold generated files.
set(folders .ci app cmake core packaging tests ui)
set(files ${SOURCE_DIR}/CMakeLists.txt)
foreach(folder IN LISTS folders)
  if(IS_DIRECTORY ${SOURCE_DIR}/${folder})
    file(GLOB_RECURSE found LIST_DIRECTORIES false ${SOURCE_DIR}/${folder}/*)
    list(APPEND files ${found})
  endif()
endforeach()

set(source_pattern "(^|/)(CMakeLists\\.txt|[^/]+\\.(cpp|h|cmake|sh|py|lua|js))$")
set(data_pattern "^tests/(data|fuzz/corpus|fuzz/regressions)/|/node_modules/")
set(spdx_line "(//|#|--) SPDX-License-Identifier: GPL-3\\.0-or-later")

set(missing 0)
set(checked 0)
foreach(file IN LISTS files)
  if(NOT EXISTS ${file})
    continue()
  endif()
  file(RELATIVE_PATH relative ${SOURCE_DIR} ${file})
  if(relative MATCHES "${data_pattern}")
    continue()
  endif()
  # The first 512 bytes hold the shebang and the SPDX line; ";" would split a CMake list, so it goes first.
  file(READ ${file} head LIMIT 512)
  string(REPLACE ";" "_" head "${head}")
  if(NOT relative MATCHES "${source_pattern}" AND NOT head MATCHES "^#!")
    continue()
  endif()
  math(EXPR checked "${checked} + 1")
  if(head MATCHES "^(#![^\n]*\n)?${spdx_line}\r?(\n|$)")
    continue()
  endif()
  # A file that names another licence is left for a person to decide, never relicensed by FIX.
  if(FIX AND NOT head MATCHES "SPDX-License-Identifier")
    if(relative MATCHES "\\.(cpp|h|js)$")
      set(comment "//")
    elseif(relative MATCHES "\\.lua$")
      set(comment "--")
    else()
      set(comment "#")
    endif()
    set(line "${comment} SPDX-License-Identifier: GPL-3.0-or-later")
    file(READ ${file} content)
    if(content MATCHES "^#!")
      string(FIND "${content}" "\n" end)
      math(EXPR end "${end} + 1")
      string(SUBSTRING "${content}" 0 ${end} shebang)
      string(SUBSTRING "${content}" ${end} -1 rest)
      file(WRITE ${file} "${shebang}${line}\n${rest}")
    else()
      file(WRITE ${file} "${line}\n\n${content}")
    endif()
    message(NOTICE "${relative}: SPDX line added")
    continue()
  endif()
  # NOTICE prints the line as it is; FATAL_ERROR would reflow a list of paths into paragraphs.
  message(NOTICE "${relative}: no \"SPDX-License-Identifier: GPL-3.0-or-later\" line at the top")
  math(EXPR missing "${missing} + 1")
endforeach()

if(missing GREATER 0)
  message(FATAL_ERROR
    "${missing} source file(s) above lack the SPDX line: add it as a comment on the first line, or the second "
    "after a #! line (// for C++ and JavaScript, # for CMake and shell, -- for Lua).")
endif()
message(STATUS "${checked} source files carry the SPDX line")
