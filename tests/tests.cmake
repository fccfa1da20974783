# The list of tests (sources listed explicitly). Each owner adds lines here.
sk_add_unit_test(test_common unit/test_common.c LABELS "unit")
sk_add_unit_test(test_lexer unit/test_lexer.c LABELS "unit")
sk_add_unit_test(test_url unit/test_url.c LABELS "unit")
sk_add_unit_test(test_config unit/test_config.c LABELS "unit")
sk_add_unit_test(test_db_sqlite unit/test_db_sqlite.c LABELS "sqlite")
sk_add_unit_test(test_db_pg unit/test_db_pg.c LABELS "pg" PG)
sk_add_unit_test(test_migfile unit/test_migfile.c LABELS "unit")
