-- What a notifying organisation may be told about matches with what Peel holds (issue 13,
-- finding H-2): NULL, the default, tells it nothing; a TLP label tells it how many reports or
-- concerns its notifications matched, counting only links marked at most that.
ALTER TABLE organisations ADD COLUMN feedback_marking TEXT;
