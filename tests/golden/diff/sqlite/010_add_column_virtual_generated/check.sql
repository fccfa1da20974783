SELECT * FROM items;
