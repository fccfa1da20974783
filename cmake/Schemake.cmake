# schemake_add_schema(): the build graph of a schema, for any CMake project.
#
#   schemake_add_schema(NAME app
#                       [DIALECT postgres|sqlite]
#                       [MIGRATIONS migrations] [SCHEMA schema] [GENERATED generated]
#                       [CODEGEN c sqlalchemy pydantic mermaid dot]
#                       [INIT_SCRIPT init/01-schema.sql]
#                       [PROJECT_DIR dir] [EXCLUDE_FROM_ALL])
#
# Creates, in the build tree (${CMAKE_CURRENT_BINARY_DIR}/schemake/NAME):
#   migrations/*.sql -> schema.sql + schema.json        (schemake-dump --from-migrations)
#   schema.sql       -> INIT_SCRIPT                      (schemake-prepare-init)
#   schema.json      -> models.h/.c, models.py, schemas.py, er.mmd, er.dot (schemake-codegen)
# each an add_custom_command whose OUTPUT is the next one's DEPENDS, with the
# tool in COMMAND and DEPENDS (a rebuilt tool reruns its step). The tools
# rewrite a file only when its bytes change, so Ninja's restat prunes what
# depends on an unchanged file, and a second build does nothing.
#
# Targets:
#   NAME_schema       builds the chain (part of ALL)
#   NAME_models       static library of the generated C models (CODEGEN c)
#   regen-NAME        copies the chain's files into GENERATED (the committed copy)
#   check-NAME        fails, naming each stale file and the command that fixes it,
#                     when a committed file differs from the chain's, when the sum
#                     file is stale, or when SCHEMA has changes no migration covers
#   regen-schema, check-schema   the same for every schema of the project
#
# The tools are this project's targets when they exist (add_subdirectory), else
# the imported targets of find_package(schemake), else programs on PATH.

include_guard(GLOBAL)

# Sets ${var} (for COMMAND) and ${var}_dep (for DEPENDS: a file dependency,
# so a rebuilt or reinstalled tool reruns its step).
function(_schemake_tool var name)
  if(TARGET ${name})
    set(${var} ${name} PARENT_SCOPE)
    set(${var}_dep ${name} PARENT_SCOPE)
  elseif(TARGET schemake::${name})
    set(${var} schemake::${name} PARENT_SCOPE)
    set(${var}_dep $<TARGET_FILE:schemake::${name}> PARENT_SCOPE)
  else()
    find_program(_sk_${name} ${name} REQUIRED)
    set(${var} ${_sk_${name}} PARENT_SCOPE)
    set(${var}_dep ${_sk_${name}} PARENT_SCOPE)
  endif()
endfunction()

set(_SCHEMAKE_MODULE_DIR ${CMAKE_CURRENT_LIST_DIR})

function(schemake_add_schema)
  cmake_parse_arguments(S "EXCLUDE_FROM_ALL" "NAME;DIALECT;MIGRATIONS;SCHEMA;GENERATED;INIT_SCRIPT;PROJECT_DIR"
                        "CODEGEN" ${ARGN})
  if(NOT S_NAME)
    message(FATAL_ERROR "schemake_add_schema: NAME is required")
  endif()
  # Defaults, then every directory made absolute against the calling directory.
  foreach(pair "MIGRATIONS=migrations" "SCHEMA=schema" "GENERATED=generated" "PROJECT_DIR=.")
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 var)
    list(GET pair 1 default)
    if(NOT S_${var})
      set(S_${var} ${default})
    endif()
    get_filename_component(S_${var} ${S_${var}} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endforeach()
  if(NOT S_INIT_SCRIPT)
    set(S_INIT_SCRIPT init/01-schema.sql)
  endif()

  _schemake_tool(sk_dump schemake-dump)
  _schemake_tool(sk_prepare schemake-prepare-init)
  _schemake_tool(sk_codegen schemake-codegen)
  _schemake_tool(sk_migrate schemake-migrate)

  set(out ${CMAKE_CURRENT_BINARY_DIR}/schemake/${S_NAME})
  file(MAKE_DIRECTORY ${out} ${out}/init)
  get_filename_component(init_dir ${out}/${S_INIT_SCRIPT} DIRECTORY)
  file(MAKE_DIRECTORY ${init_dir})

  # Migrations added or removed are seen at build time, no cmake run by hand.
  file(GLOB migrations CONFIGURE_DEPENDS ${S_MIGRATIONS}/*.sql)

  set(dialect_args)
  if(S_DIALECT STREQUAL "sqlite")
    # A scratch SQLite database in memory, whatever the project configures.
    set(dialect_args --database-url sqlite::memory:)
  endif()

  add_custom_command(
    OUTPUT ${out}/schema.sql ${out}/schema.json
    COMMAND ${sk_dump} -C ${S_PROJECT_DIR} ${dialect_args} --from-migrations ${S_MIGRATIONS}
            -o ${out}/schema.sql --json-output ${out}/schema.json
    DEPENDS ${migrations} ${sk_dump_dep}
    COMMENT "schemake: dump of ${S_NAME}'s migrations"
    VERBATIM)
  set(files schema.sql schema.json)

  add_custom_command(
    OUTPUT ${out}/${S_INIT_SCRIPT}
    COMMAND ${sk_prepare} ${out}/schema.sql -o ${out}/${S_INIT_SCRIPT}
    DEPENDS ${out}/schema.sql ${sk_prepare_dep}
    COMMENT "schemake: init script of ${S_NAME}"
    VERBATIM)
  list(APPEND files ${S_INIT_SCRIPT})

  set(codegen_outputs)
  foreach(t IN LISTS S_CODEGEN)
    if(t STREQUAL "c")
      list(APPEND codegen_outputs models.h models.c)
    elseif(t STREQUAL "sqlalchemy")
      list(APPEND codegen_outputs models.py)
    elseif(t STREQUAL "pydantic")
      list(APPEND codegen_outputs schemas.py)
    elseif(t STREQUAL "mermaid")
      list(APPEND codegen_outputs er.mmd)
    elseif(t STREQUAL "dot")
      list(APPEND codegen_outputs er.dot)
    else()
      message(FATAL_ERROR "schemake_add_schema: unknown CODEGEN target '${t}'")
    endif()
  endforeach()
  if(codegen_outputs)
    list(TRANSFORM codegen_outputs PREPEND ${out}/ OUTPUT_VARIABLE codegen_paths)
    string(REPLACE ";" "," targets "${S_CODEGEN}")
    add_custom_command(
      OUTPUT ${codegen_paths}
      COMMAND ${sk_codegen} --from-snapshot ${out}/schema.json --target ${targets} -o ${out}
      DEPENDS ${out}/schema.json ${sk_codegen_dep}
      COMMENT "schemake: models of ${S_NAME}"
      VERBATIM)
    list(APPEND files ${codegen_outputs})
  endif()

  list(TRANSFORM files PREPEND ${out}/ OUTPUT_VARIABLE built)
  if(S_EXCLUDE_FROM_ALL)
    add_custom_target(${S_NAME}_schema DEPENDS ${built})
  else()
    add_custom_target(${S_NAME}_schema ALL DEPENDS ${built})
  endif()

  if("c" IN_LIST S_CODEGEN)
    if(S_EXCLUDE_FROM_ALL)
      add_library(${S_NAME}_models STATIC EXCLUDE_FROM_ALL ${out}/models.c)
    else()
      add_library(${S_NAME}_models STATIC ${out}/models.c)
    endif()
    target_include_directories(${S_NAME}_models PUBLIC ${out})
    find_package(PostgreSQL REQUIRED)
    find_package(SQLite3 REQUIRED)
    target_link_libraries(${S_NAME}_models PUBLIC PostgreSQL::PostgreSQL SQLite::SQLite3)
    set_target_properties(${S_NAME}_models PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
    add_dependencies(${S_NAME}_models ${S_NAME}_schema)
  endif()

  # regen: the committed copy follows the chain.
  set(copy_cmds)
  foreach(f IN LISTS files)
    get_filename_component(d ${S_GENERATED}/${f} DIRECTORY)
    list(APPEND copy_cmds COMMAND ${CMAKE_COMMAND} -E make_directory ${d}
                          COMMAND ${CMAKE_COMMAND} -E copy_if_different ${out}/${f} ${S_GENERATED}/${f})
  endforeach()
  add_custom_target(regen-${S_NAME} ${copy_cmds} DEPENDS ${built}
    COMMENT "schemake: updating ${S_GENERATED}" VERBATIM)

  # check: stale committed files, stale sum file, and (when SCHEMA has SQL
  # files) changes in SCHEMA that no migration covers.
  set(check_schema_dir)
  file(GLOB schema_files ${S_SCHEMA}/*.sql)
  if(schema_files)
    set(check_schema_dir COMMAND ${sk_migrate} -C ${S_PROJECT_DIR} --migrations-dir ${S_MIGRATIONS} ${dialect_args}
                         check)
  endif()
  add_custom_target(check-${S_NAME}
    COMMAND ${CMAKE_COMMAND} -DBUILT=${out} -DCOMMITTED=${S_GENERATED} "-DFILES=${files}"
            -DFIX=regen-${S_NAME} -P ${_SCHEMAKE_MODULE_DIR}/SchemakeCheck.cmake
    COMMAND ${sk_migrate} -C ${S_PROJECT_DIR} --migrations-dir ${S_MIGRATIONS} verify --offline
    ${check_schema_dir}
    DEPENDS ${built}
    COMMENT "schemake: checking ${S_NAME}'s generated files"
    VERBATIM)

  if(NOT TARGET regen-schema)
    add_custom_target(regen-schema)
    add_custom_target(check-schema)
  endif()
  add_dependencies(regen-schema regen-${S_NAME})
  add_dependencies(check-schema check-${S_NAME})
endfunction()
