SELECT id, v, typeof(v) FROM m;
