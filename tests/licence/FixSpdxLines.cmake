# SPDX-License-Identifier: GPL-3.0-or-later

# cmake -DCHECK=<CheckSpdxLines.cmake> -DWORK=<scratch dir> -P FixSpdxLines.cmake
#
# CheckSpdxLines.cmake with FIX=ON on a fresh tree: each file gets the line in its own comment syntax and place,
# executables stay executable, and a file that names another licence is reported, not rewritten.
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE ${WORK})
file(WRITE ${WORK}/core/plain.cpp "#include <vector>\n")
file(WRITE ${WORK}/packaging/tool.sh "#!/bin/sh\necho \"a;b\"\n")
file(CHMOD ${WORK}/packaging/tool.sh PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
file(WRITE ${WORK}/tests/bench/script.lua "print(1)\n")
file(WRITE ${WORK}/cmake/Other.cmake "# SPDX-License-Identifier: MIT\n")

execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${WORK} -DFIX=ON -P ${CHECK}
                RESULT_VARIABLE result ERROR_VARIABLE output)
set(failures "")
if(result EQUAL 0 OR NOT output MATCHES "cmake/Other.cmake: no ")
  string(APPEND failures "the file naming MIT was not reported: ${output}\n")
endif()

function(expect_content relative expected)
  file(READ ${WORK}/${relative} actual)
  if(NOT actual STREQUAL expected)
    set(failures "${failures}${relative} is:\n${actual}\n" PARENT_SCOPE)
  endif()
endfunction()
expect_content(core/plain.cpp "// SPDX-License-Identifier: GPL-3.0-or-later\n\n#include <vector>\n")
expect_content(packaging/tool.sh "#!/bin/sh\n# SPDX-License-Identifier: GPL-3.0-or-later\necho \"a;b\"\n")
expect_content(tests/bench/script.lua "-- SPDX-License-Identifier: GPL-3.0-or-later\n\nprint(1)\n")
expect_content(cmake/Other.cmake "# SPDX-License-Identifier: MIT\n")
execute_process(COMMAND test -x ${WORK}/packaging/tool.sh RESULT_VARIABLE not_executable)
if(NOT not_executable EQUAL 0)
  string(APPEND failures "packaging/tool.sh lost its executable bit\n")
endif()

# Without the file that names another licence, the fixed tree passes the check.
file(REMOVE ${WORK}/cmake/Other.cmake)
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${WORK} -P ${CHECK} RESULT_VARIABLE result ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  string(APPEND failures "the fixed tree fails the check: ${output}\n")
endif()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
