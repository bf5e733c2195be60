-- Evidence reviews (issue 17): what a reviewer (a volunteer or staff member given an evidence
-- review task) recorded that an item shows. Registrations feed linking.
CREATE TABLE evidence_reviews (
    id BLOB PRIMARY KEY NOT NULL,
    item_id BLOB NOT NULL REFERENCES evidence_items (id),
    task_id BLOB,
    reviewer TEXT NOT NULL,
    reviewer_label TEXT NOT NULL,
    at_us BIGINT NOT NULL,
    seen_at TEXT NOT NULL,
    people TEXT NOT NULL,
    vehicles TEXT NOT NULL,
    registrations TEXT NOT NULL,
    faces_visible INTEGER NOT NULL,
    offence TEXT NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX evidence_reviews_by_item ON evidence_reviews (item_id);
