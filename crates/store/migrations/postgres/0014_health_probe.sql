-- One row that `/healthz` writes, so that a read-only or full database shows as unhealthy
-- (issue 13, finding M-11).
CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at_us BIGINT NOT NULL
);
