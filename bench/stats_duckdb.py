"""DuckDB's side of `peel bench stats` (issue 19): from the same placed rows Peel imported
(ward, month, category), the harm table and the residents, it computes the same counts by
ward, month and category, the days of harm and the crimes per 1,000 residents by ward and
month, and the year's by ward, and prints its times. Usage: python3 bench/stats_duckdb.py DIR
"""

import sys
import time

import duckdb


def main(folder):
    con = duckdb.connect()
    started = time.perf_counter()
    con.execute(f"CREATE TABLE crimes AS SELECT * FROM read_csv('{folder}/rows.csv', header=true, columns={{'ward_code': 'VARCHAR', 'month': 'VARCHAR', 'category': 'VARCHAR'}})")
    con.execute(f"CREATE TABLE harm AS SELECT * FROM read_csv('{folder}/harm.csv', header=true)")
    con.execute(f"CREATE TABLE residents AS SELECT * FROM read_csv('{folder}/residents.csv', header=true)")
    loaded = time.perf_counter() - started
    rows = con.execute("SELECT count(*) FROM crimes").fetchone()[0]
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        counts = con.execute(
            "SELECT ward_code, month, category, count(*) AS n FROM crimes GROUP BY ALL"
        ).fetchall()
        monthly = con.execute(
            """
            WITH c AS (SELECT ward_code, month, category, count(*) AS n FROM crimes GROUP BY ALL)
            SELECT c.ward_code, c.month, sum(c.n) AS crimes,
                   sum(c.n * coalesce(h.days, 0)) AS harm_days,
                   sum(c.n) * 1000.0 / any_value(r.residents) AS rate_per_1000
            FROM c LEFT JOIN harm h ON h.category = c.category
                   LEFT JOIN residents r ON r.ward_code = c.ward_code
                        AND r.year = CAST(substr(c.month, 1, 4) AS INTEGER)
            GROUP BY c.ward_code, c.month
            """
        ).fetchall()
        yearly = con.execute(
            """
            SELECT c.ward_code, count(*) AS crimes, sum(coalesce(h.days, 0)) AS harm_days
            FROM crimes c LEFT JOIN harm h ON h.category = c.category GROUP BY c.ward_code
            """
        ).fetchall()
        best = min(best, time.perf_counter() - started)
    print(
        f"duckdb {duckdb.__version__}: {rows} rows loaded in {loaded:.3f} s; "
        f"counts ({len(counts)} cells), monthly harm and rate ({len(monthly)} ward-months) "
        f"and the year's by ward ({len(yearly)}): best of 5 {best:.3f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1])
