"""True links of a FEBRL-style file: records rec-<i>-org and rec-<i>-dup-<j> are one person.
Writes every pair of records of the same person as rec_id_1,rec_id_2.

Usage: python bench/truth_from_ids.py FILE.csv TRUTH.csv
"""
import csv
import itertools
import sys
from collections import defaultdict

people = defaultdict(list)
with open(sys.argv[1], newline="") as f:
    reader = csv.reader(f, skipinitialspace=True)
    header = [h.strip() for h in next(reader)]
    at = header.index("rec_id")
    for row in reader:
        rec = row[at].strip()
        people[rec.split("-")[1]].append(rec)
with open(sys.argv[2], "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["rec_id_1", "rec_id_2"])
    for records in people.values():
        out.writerows(itertools.combinations(sorted(records), 2))
