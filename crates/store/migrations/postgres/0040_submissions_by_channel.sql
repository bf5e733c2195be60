-- Open311's GET requests (issue 20) lists the requests that came in through it, newest first,
-- within a window of at most 90 days: read through this index, not by scanning every report.
CREATE INDEX submissions_by_channel ON submissions (channel, received_at_us);
