# The list of tests (sources listed explicitly). Each owner adds lines here.
sk_add_unit_test(test_common unit/test_common.c LABELS "unit")
sk_add_unit_test(test_lexer unit/test_lexer.c LABELS "unit")
sk_add_unit_test(test_url unit/test_url.c LABELS "unit")
sk_add_unit_test(test_config unit/test_config.c LABELS "unit")
sk_add_unit_test(test_db_sqlite unit/test_db_sqlite.c LABELS "sqlite")
sk_add_unit_test(test_db_pg unit/test_db_pg.c LABELS "pg" PG)
sk_add_unit_test(test_migfile unit/test_migfile.c LABELS "unit")
sk_add_cli_test(migrate_verbs.sh NAME migrate_verbs_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(migrate_verbs.sh NAME migrate_verbs_pg ARGS pg LABELS "pg" PG)
sk_add_cli_test(migrate_integrity.sh NAME migrate_integrity_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(migrate_integrity.sh NAME migrate_integrity_pg ARGS pg LABELS "pg" PG)
sk_add_cli_test(migrate_concurrency.sh NAME migrate_concurrency_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(migrate_concurrency.sh NAME migrate_concurrency_pg ARGS pg LABELS "pg" PG)
sk_add_cli_test(migrate_nontx.sh NAME migrate_nontx_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(migrate_nontx.sh NAME migrate_nontx_pg ARGS pg LABELS "pg" PG)
sk_add_cli_test(migrate_config.sh LABELS "pg;sqlite" PG)
sk_add_cli_test(migrate_devcluster.sh LABELS "pg")
sk_add_cli_test(dump.sh NAME dump_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(dump.sh NAME dump_pg ARGS pg LABELS "pg" PG)
sk_add_unit_test(test_prepare unit/test_prepare.c LABELS "unit")
sk_add_cli_test(prepare_init.sh LABELS "pg" PG)
sk_add_unit_test(test_snapshot unit/test_snapshot.c LABELS "unit")
# PostgreSQL schema dump: a test driver (introspect + canonical SQL), the
# round trip over the golden corpus and the fixed introspection query count.
add_executable(dump_driver unit/dump_driver.c)
target_compile_options(dump_driver PRIVATE ${SK_WARNINGS})
target_link_libraries(dump_driver PRIVATE schemake_core)
sk_add_cli_test(dump_roundtrip_pg.sh LABELS "pg;golden" PG)
sk_add_cli_test(introspect_count_pg.sh LABELS "pg" PG)
sk_add_unit_test(test_introspect_sqlite unit/test_introspect_sqlite.c LABELS "sqlite")
sk_add_cli_test(dump_roundtrip_sqlite.sh LABELS "sqlite;golden")
sk_add_cli_test(reset.sh NAME reset_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(reset.sh NAME reset_pg ARGS pg LABELS "pg" PG)
sk_add_unit_test(test_introspect_pg unit/test_introspect_pg.c LABELS "pg" PG)
sk_add_unit_test(test_codegen unit/test_codegen.c LABELS "unit")
sk_add_cli_test(codegen.sh NAME codegen_sqlite ARGS sqlite LABELS "sqlite")
sk_add_cli_test(codegen.sh NAME codegen_pg ARGS pg LABELS "pg" PG)
sk_add_cli_test(codegen_c.sh LABELS "pg;sqlite" PG)
sk_add_cli_test(codegen_python.sh LABELS "pg;sqlite" PG)
# SQLite differ: a test driver (two schemas in, the migration out), the
# golden corpus run through schemake-migrate, and the property test.
add_executable(diff_driver unit/diff_driver.c)
target_compile_options(diff_driver PRIVATE ${SK_WARNINGS})
target_link_libraries(diff_driver PRIVATE schemake_core)
sk_add_cli_test(diff_corpus.sh NAME diff_corpus_sqlite ARGS sqlite LABELS "sqlite;golden")
# ~90 cases, each through sqlite3 and the tools several times: slow under ASan
set_tests_properties(cli_diff_corpus_sqlite PROPERTIES TIMEOUT 900)
sk_add_unit_test(test_diff_property_sqlite unit/test_diff_property_sqlite.c LABELS "sqlite")
sk_add_cli_test(cmake_project.sh LABELS "sqlite")
sk_add_cli_test(diff_cli_sqlite.sh LABELS "sqlite")
# a chain of more than 500 cascading foreign keys: ADD COLUMN instead of a
# rebuild, and a rebuild's foreign key check within SQLite's limits
sk_add_cli_test(diff_chain_sqlite.sh LABELS "sqlite")
# PostgreSQL differ: the golden corpus through schemake-migrate, the property
# test through the library, and autogenerate end to end (schema/, rename
# hints, destructive markers, check, the example project).
sk_add_cli_test(diff_corpus_pg.sh LABELS "pg;golden" PG)
# ~95 cases, each through psql and the tools several times: slow under ASan
set_tests_properties(cli_diff_corpus_pg PROPERTIES TIMEOUT 900)
sk_add_unit_test(test_diff_property_pg unit/test_diff_property_pg.c LABELS "pg" PG)
sk_add_cli_test(diff_migrate_pg.sh LABELS "pg" PG)
# Reliability (tests/reliability/, docs/RELIABILITY.md): fault injection,
# concurrency at scale, the bad-input catalog, secrets, hostile identifiers,
# valgrind, and the fuzzers' regression inputs. These are the short forms;
# `just soak` runs the long ones (tests/reliability/soak.sh).
function(sk_add_rel_test name script)
  cmake_parse_arguments(T "PG" "TIMEOUT" "LABELS;ARGS;ENV" ${ARGN})
  add_test(NAME rel_${name} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/reliability/${script} ${T_ARGS})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(rel_${name} PROPERTIES LABELS "cli;reliability;${T_LABELS}"
                       ENVIRONMENT "${SK_TEST_ENV};${T_ENV}" TIMEOUT ${T_TIMEOUT})
  if(T_PG)
    set_tests_properties(rel_${name} PROPERTIES FIXTURES_REQUIRED pg)
  endif()
endfunction()
# Fault statistics come from the plain build; under the sanitizers (3x
# slower) fewer trials still run every code path of the tools.
if(SCHEMAKE_SANITIZE)
  set(SK_REL_FAULTS "SK_REL_TRIALS=2;SK_REL_MIGRATIONS=300")
  set(SK_REL_CONC "SK_REL_PROCS=8;SK_REL_ROUNDS=1")
  set(SK_REL_SECRETS "SK_REL_CHANNELS=url password_file")
  set(SK_REL_BAD "SK_BAD_SKIP=m_huge_unterminated p_huge_nul_at_end")
else()
  set(SK_REL_FAULTS "SK_REL_TRIALS=5;SK_REL_MIGRATIONS=1000")
  set(SK_REL_CONC "SK_REL_PROCS=16;SK_REL_ROUNDS=3")
  set(SK_REL_SECRETS "")
  set(SK_REL_BAD "")
endif()
sk_add_rel_test(fault_kill_sqlite fault_kill.sh ARGS sqlite LABELS "sqlite" ENV "${SK_REL_FAULTS}")
sk_add_rel_test(fault_kill_pg fault_kill.sh ARGS pg LABELS "pg" PG ENV "${SK_REL_FAULTS}")
sk_add_rel_test(fault_restart_pg fault_restart.sh LABELS "pg" ENV "${SK_REL_FAULTS}")
sk_add_rel_test(concurrency_sqlite concurrency.sh ARGS sqlite LABELS "sqlite" ENV "${SK_REL_CONC}")
sk_add_rel_test(concurrency_pg concurrency.sh ARGS pg LABELS "pg" PG ENV "${SK_REL_CONC}")
sk_add_rel_test(bad_inputs bad_inputs.sh LABELS "pg;sqlite" PG ENV "${SK_REL_BAD}")
# It fills disks, holds locks and times out on purpose: alone, so the others do not feel it.
set_tests_properties(rel_bad_inputs PROPERTIES RUN_SERIAL TRUE)
sk_add_rel_test(secrets secrets.sh LABELS "pg" PG ENV "${SK_REL_SECRETS}")
sk_add_rel_test(identifiers_sqlite identifiers.sh ARGS sqlite LABELS "sqlite")
sk_add_rel_test(identifiers_pg identifiers.sh ARGS pg LABELS "pg" PG)
if(NOT SCHEMAKE_SANITIZE)
  # valgrind and ASan do not mix: the plain build (preset ci) runs it
  sk_add_rel_test(valgrind valgrind.sh LABELS "pg;sqlite" PG TIMEOUT 600)
endif()
sk_add_unit_test(test_rel_regressions reliability/test_regressions.c LABELS "reliability")
# Every input that once crashed a fuzzer (tests/fuzz/regressions/<target>/)
# and the seeds, replayed through the fuzz targets without libFuzzer, so
# they run everywhere, under ASan+UBSan in the asan preset.
foreach(t lexer migfile url dotenv config snapshot prepare)
  add_executable(fuzz_replay_${t} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${t}.c reliability/fuzz_replay.c)
  target_compile_options(fuzz_replay_${t} PRIVATE ${SK_WARNINGS})
  target_link_libraries(fuzz_replay_${t} PRIVATE schemake_core)
  add_test(NAME fuzz_replay_${t} COMMAND fuzz_replay_${t} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions/${t}
           ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/seeds/${t})
  set_tests_properties(fuzz_replay_${t} PROPERTIES LABELS "unit;reliability")
endforeach()
sk_add_cli_test(justfile_recipes.sh LABELS "pg")
