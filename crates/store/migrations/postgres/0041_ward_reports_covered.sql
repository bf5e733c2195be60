-- A ward's dashboard reads every report of the ward in its months twice over (contact times
-- and repeat victims; places reported again and joined groups). Measured with ten million
-- reports held (issue 19), each report read through the old (ward, time) index cost a visit
-- to its row in the heap: the busiest wards' pages took over 130 ms. This index carries every
-- column those reads take, so they are index-only scans of the ward's stretch. It replaces
-- the old index, whose key it keeps.
DROP INDEX submissions_by_ward;
CREATE INDEX submissions_by_ward ON submissions (ward_code, received_at_us) INCLUDE (
    restricted, location_kind, first_contact_at_us, grade, grade_override, channel, category,
    reporter_role, postcode, address_line, contact_email, contact_phone, id
);
