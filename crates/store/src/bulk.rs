//! Multi-row statements: one `INSERT … VALUES (…), (…)` for many rows, kept under both
//! backends' parameter limits (SQLite 32,766; PostgreSQL 65,535). Per-row statements cost a
//! round trip to the database each; a batch of notifications uses a few.
//!
//! SQLite's parameters are `?` here, not `$N`: finding a numbered parameter's name is a linear
//! search in SQLite, which made binding twelve thousand of them quadratic (80 per cent of the
//! time in the first measurement). PostgreSQL takes `$N`.

use std::fmt::Write as _;

use crate::Backend;

/// Parameters in one statement: well under either limit, and large enough that the statement
/// overhead is spread thin.
const PARAMETERS: usize = 12_000;

/// Rows of `columns` parameters each that fit in one statement.
pub(crate) fn rows_per_statement(columns: usize) -> usize {
    (PARAMETERS / columns.max(1)).max(1)
}

/// `HEAD VALUES ($1, …, $columns), …, (…) TAIL` for `rows` rows.
pub(crate) fn values_sql(
    backend: Backend,
    head: &str,
    columns: usize,
    rows: usize,
    tail: &str,
) -> String {
    let list = values_list(backend, columns, rows);
    if tail.is_empty() {
        format!("{head} {list}")
    } else {
        format!("{head} {list} {tail}")
    }
}

/// `count` parameters separated by commas, numbered from `first` on PostgreSQL, for an
/// `IN (…)` list. On SQLite each `?` takes the next argument in order, whatever `$N` the
/// statement holds besides, so a statement that uses these must take every parameter from
/// here, in order.
pub(crate) fn params(backend: Backend, count: usize, first: usize) -> String {
    match backend {
        Backend::Sqlite => vec!["?"; count].join(", "),
        Backend::Postgres => (first..first + count)
            .map(|n| format!("${n}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Inserts `rows` with `HEAD VALUES …` in as few statements as the parameter limit allows,
/// `bind` binding each row's `columns` values in order.
pub(crate) async fn insert_rows<T>(
    tx: &mut crate::sql::Tx,
    head: &str,
    columns: usize,
    rows: &[T],
    bind: impl Fn(crate::sql::Query, &T) -> crate::sql::Query,
) -> crate::StoreResult<()> {
    let backend = tx.backend();
    for chunk in rows.chunks(rows_per_statement(columns)) {
        let sql = values_sql(backend, head, columns, chunk.len(), "");
        // Only placeholders go into the text besides the caller's fixed head.
        let mut query = tx.query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            query = bind(query, row);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

fn values_list(backend: Backend, columns: usize, rows: usize) -> String {
    let mut sql = String::with_capacity(8 + rows * columns * 8);
    sql.push_str("VALUES ");
    let mut n = 0_usize;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    let _ = write!(sql, "${n}");
                }
            }
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_in_order() {
        assert_eq!(
            values_sql(
                Backend::Postgres,
                "INSERT INTO t (a, b)",
                2,
                2,
                "ON CONFLICT DO NOTHING"
            ),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            values_sql(Backend::Sqlite, "INSERT INTO t (a, b)", 2, 2, ""),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn in_lists_are_numbered_from_where_they_start() {
        assert_eq!(params(Backend::Postgres, 3, 2), "$2, $3, $4");
        assert_eq!(params(Backend::Sqlite, 2, 5), "?, ?");
    }

    #[test]
    fn a_statement_stays_under_the_parameter_limits() {
        for columns in 1..40 {
            let rows = rows_per_statement(columns);
            assert!(rows >= 1 && rows * columns <= 32_766, "{columns}");
        }
    }
}
