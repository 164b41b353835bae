# SPDX-License-Identifier: GPL-3.0-or-later

# One static library per folder of core/, linking only the core libraries beneath it (docs/ARCHITECTURE.md).
#
#   dockside_core_library(<folder> [DEPENDS <core folders>...] SOURCES <files>...)
#
# creates dockside_core_<folder>, links its DEPENDS publicly and records them, so that
# dockside_check_core_includes() can fail the build on an include that runs upward or sideways.
function(dockside_core_library folder)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS;SOURCES")
  set(target dockside_core_${folder})
  add_library(${target} STATIC ${arg_SOURCES})
  # Includes name their folder ("contract/signature.h"), so every library sees core/ as its include root.
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/core)
  target_link_libraries(${target} PUBLIC Qt6::Core PRIVATE dockside_compile_options)
  get_property(defined GLOBAL PROPERTY DOCKSIDE_CORE_FOLDERS)
  foreach(dependency IN LISTS arg_DEPENDS)
    # Only folders added before this one: the order of core/CMakeLists.txt is the layer order, and no cycle forms.
    if(NOT dependency IN_LIST defined)
      message(FATAL_ERROR "core/${folder} depends on '${dependency}', which is not a core folder beneath it")
    endif()
    target_link_libraries(${target} PUBLIC dockside_core_${dependency})
  endforeach()
  set_property(GLOBAL APPEND PROPERTY DOCKSIDE_CORE_FOLDERS ${folder})
  set_property(GLOBAL PROPERTY DOCKSIDE_CORE_DEPENDS_${folder} "${arg_DEPENDS}")
  list(TRANSFORM arg_SOURCES PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  set_property(GLOBAL APPEND PROPERTY DOCKSIDE_CORE_SOURCES ${arg_SOURCES})
endfunction()

# Everything a folder may include: itself and what it links, directly or through the libraries it links.
function(dockside_core_reachable folder out_var)
  set(reachable ${folder})
  set(queue ${folder})
  while(queue)
    list(POP_FRONT queue current)
    get_property(depends GLOBAL PROPERTY DOCKSIDE_CORE_DEPENDS_${current})
    foreach(dependency IN LISTS depends)
      if(NOT dependency IN_LIST reachable)
        list(APPEND reachable ${dependency})
        list(APPEND queue ${dependency})
      endif()
    endforeach()
  endwhile()
  set(${out_var} ${reachable} PARENT_SCOPE)
endfunction()

# Writes the layer table for cmake/CheckCoreIncludes.cmake and checks the tree now (at configure time) and again
# whenever a core source changes (at build time), so an upward include fails the build either way.
function(dockside_check_core_includes)
  get_property(folders GLOBAL PROPERTY DOCKSIDE_CORE_FOLDERS)
  get_property(sources GLOBAL PROPERTY DOCKSIDE_CORE_SOURCES)
  set(table "set(core_folders ${folders})\n")
  foreach(folder IN LISTS folders)
    dockside_core_reachable(${folder} reachable)
    string(APPEND table "set(core_reachable_${folder} ${reachable})\n")
  endforeach()
  set(layers_file ${PROJECT_BINARY_DIR}/core_layers.cmake)
  file(WRITE ${layers_file} "${table}")

  set(check_script ${PROJECT_SOURCE_DIR}/cmake/CheckCoreIncludes.cmake)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -DCORE_DIR=${PROJECT_SOURCE_DIR}/core -DLAYERS_FILE=${layers_file} -P ${check_script}
    RESULT_VARIABLE result ERROR_VARIABLE report)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${report}")
  endif()

  set(stamp ${PROJECT_BINARY_DIR}/core_includes.checked)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DCORE_DIR=${PROJECT_SOURCE_DIR}/core -DLAYERS_FILE=${layers_file} -P ${check_script}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${sources} ${check_script} ${layers_file}
    COMMENT "Checking that no core include runs upward"
    VERBATIM)
  add_custom_target(dockside_core_layering ALL DEPENDS ${stamp})
endfunction()
