SELECT rowid, * FROM notes ORDER BY rowid;
