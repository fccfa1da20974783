-- Views (views on views, in an order that is not the name order) and
-- triggers: on tables with BEGIN ... END bodies holding ';' and CASE ... END,
-- WHEN clauses, UPDATE OF, and INSTEAD OF triggers on views. In canonical
-- order: z_base before the views that read it.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    detail TEXT
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    qty INTEGER NOT NULL DEFAULT 0,
    price REAL NOT NULL DEFAULT 0
);

CREATE VIEW z_base AS SELECT id, name, qty, price, qty * price AS total FROM items;

CREATE VIEW a_summary AS SELECT count(*) AS n, sum(total) AS total FROM z_base;

CREATE VIEW m_expensive (id, label) AS SELECT id, name FROM z_base WHERE price > 100;

CREATE VIEW b_top AS SELECT * FROM m_expensive ORDER BY id LIMIT 10;

CREATE TRIGGER items_audit_delete AFTER DELETE ON items
BEGIN
    INSERT INTO audit (tbl, op, detail) VALUES ('items', 'delete', old.name || ';' || old.id);
END;

CREATE TRIGGER items_check_qty BEFORE UPDATE OF qty ON items
WHEN new.qty < 0
BEGIN
    SELECT RAISE(ABORT, 'qty must not be negative; got a negative number');
END;

CREATE TRIGGER items_classify AFTER INSERT ON items
FOR EACH ROW
BEGIN
    INSERT INTO audit (tbl, op, detail) VALUES ('items', 'insert',
        CASE
            WHEN new.price > 100 THEN 'expensive'
            WHEN new.price > 10 THEN 'medium'
            ELSE 'cheap'
        END);
    UPDATE items SET name = trim(name) WHERE id = new.id;
END;

CREATE TRIGGER m_expensive_update INSTEAD OF UPDATE OF label ON m_expensive
BEGIN
    UPDATE items SET name = new.label WHERE id = old.id;
END;

CREATE TRIGGER z_base_insert INSTEAD OF INSERT ON z_base
BEGIN
    INSERT INTO items (name, qty, price) VALUES (new.name, coalesce(new.qty, 0), coalesce(new.price, 0));
END;
