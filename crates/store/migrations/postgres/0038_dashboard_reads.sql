-- What a ward's dashboard reads besides its own ward's reports (issue 19, measured with ten
-- million reports held): the online reports of the period, for the groups that join online
-- and physical harm, and the links made in the period. Without these both were read by
-- scanning the whole table.
CREATE INDEX submissions_online ON submissions (received_at_us) WHERE location_kind = 'online';
CREATE INDEX links_by_created ON item_links (created_at_us);
