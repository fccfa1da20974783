-- migrate:down

DROP TRIGGER main.v_insert;
