-- Evidence requests to witnesses (issue 17): an officer may ask someone other than the
-- reporter (a neighbour with a doorbell camera) for their files. The message and the request
-- then name that addressee (`email:ADDRESS` or `text:NUMBER`); NULL is the report's reporter.
ALTER TABLE outbox ADD COLUMN addressee TEXT;
ALTER TABLE evidence_requests ADD COLUMN addressee TEXT;
