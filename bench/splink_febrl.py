"""Splink 5 (DuckDB) on a FEBRL-style CSV, configured like examples/link/febrl.toml: the same
comparisons, and the blocking rules read from that file, u by random sampling (1e6 pairs), m by EM on name and on
date-of-birth blocks, and λ from a deterministic rule. Writes pairs.csv in the layout
`peel link eval` reads, and prints the seconds taken and the peak memory.

Usage: python bench/splink_febrl.py FILE.csv OUT_DIR
"""
import os
import resource
import sys
import time
import tomllib

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

path, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
started = time.perf_counter()
df = pd.read_csv(path, dtype=str, skipinitialspace=True)
df.columns = [c.strip() for c in df.columns]
df = df.drop(columns=["soc_sec_id"])
with open("examples/link/febrl.toml", "rb") as f:
    blocking = tomllib.load(f)["blocking"]
db = DuckDBAPI()
records = db.register(df)
settings = SettingsCreator(
    link_type="dedupe_only",
    unique_id_column_name="rec_id",
    blocking_rules_to_generate_predictions=[block_on(*rule["keys"]) for rule in blocking],
    comparisons=[
        cl.JaroWinklerAtThresholds("given_name", [0.92, 0.8]).configure(
            term_frequency_adjustments=True
        ),
        cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]).configure(
            term_frequency_adjustments=True
        ),
        cl.DateOfBirthComparison(
            "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
        ),
        cl.ExactMatch("street_number"),
        cl.DamerauLevenshteinAtThresholds("address_1", [1, 3]),
        cl.DamerauLevenshteinAtThresholds("address_2", [1, 3]),
        cl.JaroWinklerAtThresholds("suburb", [0.92]),
        cl.DamerauLevenshteinAtThresholds("postcode", [1]),
        cl.ExactMatch("state"),
    ],
    retain_intermediate_calculation_columns=False,
)
linker = Linker(records, settings, log_level="WARNING")
linker.training.estimate_probability_two_random_records_match(
    [block_on("given_name", "surname", "date_of_birth")], recall=0.7
)
linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=0)
linker.training.estimate_parameters_using_expectation_maximisation(
    block_on("given_name", "surname")
)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
pairs = linker.inference.predict(threshold_match_probability=0.05).as_pandas_dataframe()
pairs = pairs.rename(columns={"rec_id_l": "left_id", "rec_id_r": "right_id"})
pairs[["left_id", "right_id", "match_probability"]].to_csv(f"{out}/pairs.csv", index=False)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"splink={__import__('splink').__version__} seconds={seconds:.2f} peak_mib={peak:.0f}")
