-- migrate:down

DROP TABLE main.posts;
