-- Reading a lake (src/lake/read.ts): schema.sql runs next in this catalog, giving the empty typed
-- tables the views are unioned with. lake_shape_close.sql switches back.
ATTACH ':memory:' AS lake_shape;
USE lake_shape;
