-- The sharing agreements register (issue 18): every version of every agreement, kept whole as
-- its owner wrote it.
CREATE TABLE sharing_agreements (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    source TEXT NOT NULL,
    registered_at_us BIGINT NOT NULL,
    registered_by TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
