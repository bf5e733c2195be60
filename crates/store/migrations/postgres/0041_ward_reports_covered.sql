-- SQLite's migration 0041 makes the (ward, time) index carry every column a ward's dashboard
-- reads of its reports, so that read never visits the table. PostgreSQL keeps the index as it
-- is: an index entry there may not exceed 2,704 bytes, and some of those columns (the reason a
-- record is restricted, a rectified email address) have no length limit, so a write could be
-- refused for the index's sake. A number, so the two backends keep one list of versions.
SELECT 41;
