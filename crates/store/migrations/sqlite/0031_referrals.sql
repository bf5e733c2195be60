-- A disclosure made as a referral to the partner (issue 18): the practitioner is asked to act
-- and writes back on it; the case records the referral in the same transaction.
ALTER TABLE disclosures ADD COLUMN referral INTEGER NOT NULL DEFAULT 0;
