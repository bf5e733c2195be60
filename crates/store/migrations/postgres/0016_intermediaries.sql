-- Every door (issue 15). Organisations are notifiers (banks, telcos: bulk notifications) or
-- trusted intermediaries (pharmacies, salons, schools: concerns from their trained staff);
-- an intermediary has the number a contact handler calls it back on.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'notifier';
ALTER TABLE organisations ADD COLUMN phone TEXT NOT NULL DEFAULT '';

-- Who took a report on someone's behalf (a contact handler on the phone, an officer at the
-- front counter, an intermediary's staff member): their username; NULL when the reporter sent
-- it themselves.
ALTER TABLE submissions ADD COLUMN taken_by TEXT;
-- A concern's own facts (organisation, codeword, person present, 999 called, consent) as JSON.
ALTER TABLE submissions ADD COLUMN concern TEXT;
-- A person is with the intermediary now, having used a codeword, and nobody has called 999:
-- the contact handlers' queue puts it first until someone has called back.
ALTER TABLE submissions ADD COLUMN waiting_now BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX submissions_taken_by ON submissions (taken_by) WHERE taken_by IS NOT NULL;
