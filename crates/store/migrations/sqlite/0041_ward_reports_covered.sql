-- A ward's dashboard reads every report of the ward in its months twice over (contact times
-- and repeat victims; places reported again and joined groups). Measured with ten million
-- reports held (issue 19), each report read through the old (ward, time) index cost a jump to
-- its row, about six microseconds: the busiest wards' pages took over 250 ms. This index
-- carries every column those reads take, so they walk the ward's stretch of the index and
-- never the table. It replaces the old index, whose columns it begins with.
DROP INDEX submissions_by_ward;
CREATE INDEX submissions_by_ward ON submissions (
    ward_code, received_at_us, restricted, location_kind, first_contact_at_us, grade,
    grade_override, channel, category, reporter_role, postcode, address_line, contact_email,
    contact_phone, id
);
