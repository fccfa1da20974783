-- migrate:down

DROP TRIGGER main.users_log;

DROP TABLE main.log;
