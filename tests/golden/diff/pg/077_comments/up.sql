-- migrate:up

COMMENT ON SCHEMA app IS 'new';

COMMENT ON TYPE app.kind IS 'kinds';

COMMENT ON DOMAIN app.pos IS NULL;

COMMENT ON SEQUENCE app.s IS 'numbers';

COMMENT ON FUNCTION app.f() IS 'one';

COMMENT ON TABLE app.t IS 'it''s a table';

COMMENT ON COLUMN app.t.id IS 'key';

COMMENT ON COLUMN app.t.v IS 'the value';

COMMENT ON MATERIALIZED VIEW app.tm IS 'a matview';

COMMENT ON VIEW app.tv IS 'a view';

COMMENT ON COLUMN app.tv.v IS 'v again';

COMMENT ON INDEX app.t_v_idx IS 'by value';

