SELECT rowid, * FROM m ORDER BY rowid;
