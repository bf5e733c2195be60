//! The SQL engine: one body of SQL for both backends, with the backend chosen at run time.
//!
//! Both SQLite and PostgreSQL accept `$N` parameters, `RETURNING` and `ON CONFLICT`, and every
//! time is an integer of microseconds, so each query is written once. A [`Query`] is built for
//! the backend of the [`Db`] or [`Tx`] it will run on and binds each value straight into that
//! backend's arguments; a [`Row`] is read by position through [`Cols`], which names the table
//! and the row's id in every error, so a value that does not parse is a loud
//! [`StoreError::Corrupt`], never a default.
//!
//! Why not a generic function over `sqlx::Database`: sqlx's executor bounds are not implied by
//! a trait bound, so every generic function would repeat a dozen `where` clauses (or a macro
//! would write the code twice, as Peel's first store did, out of rustfmt's reach). Dispatching
//! on an enum costs one branch per bound value and per column, far below the cost of the
//! statement itself (the notification import binds 12,000 values a statement; see
//! BENCHMARKS.md), and the code is ordinary Rust that rustfmt formats and the compiler checks
//! once.

use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Decode, Encode, PgPool, Postgres, Sqlite, SqlitePool, Transaction, Type};
use sqlx::{Row as _, SqlSafeStr, ValueRef as _};

use std::sync::Arc;

use peel_core::audit::ChainKey;

use crate::Backend;
use crate::error::{StoreError, StoreResult};

type SqliteQuery = sqlx::query::Query<'static, Sqlite, SqliteArguments>;
type PgQuery = sqlx::query::Query<'static, Postgres, PgArguments>;

/// The lock that serialises appends to the audit chain on PostgreSQL (the bytes of "peel").
const AUDIT_CHAIN_LOCK: i64 = 0x7065_656c;

/// A connection pool to one of the two backends.
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    /// Embedded SQLite.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

/// The database: its pool, and the key that seals the audit chain (held outside the
/// database; see `peel_core::audit::chain`).
#[derive(Debug, Clone)]
pub(crate) struct Db {
    pool: Pool,
    chain_key: Arc<ChainKey>,
    /// On SQLite, this process's writers queue here, first come first served, before taking
    /// the database's one write lock. Without it they meet at SQLite's busy handler, which
    /// sleeps in growing steps and lets late arrivals overtake: with the outbox worker writing
    /// beside intake, that gave pauses of up to 1.4 s (BENCHMARKS.md). Another process still
    /// waits at the busy handler, as before.
    write_gate: Arc<tokio::sync::Mutex<()>>,
}

impl Db {
    /// The database behind `pool`, sealing audit entries with `chain_key`.
    pub fn new(pool: Pool, chain_key: Arc<ChainKey>) -> Db {
        Db {
            pool,
            chain_key,
            write_gate: Arc::default(),
        }
    }

    /// The same database sealing with another key.
    pub fn set_chain_key(&mut self, chain_key: Arc<ChainKey>) {
        self.chain_key = chain_key;
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match &self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// A query for this backend.
    pub fn query(&self, sql: impl SqlSafeStr) -> Query {
        Query::new(self.backend(), sql)
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so two writers that both read before writing wait for each other instead of
    /// failing with "database is locked".
    pub async fn begin_write(&self) -> StoreResult<Tx> {
        let (conn, gate) = match &self.pool {
            Pool::Sqlite(pool) => {
                // A connection first, then the turn to write: the turn is never held while
                // waiting for a connection that readers have. (`Transaction::begin` is what
                // `Pool::begin_with` does once it has the connection.)
                let conn = pool.acquire().await?;
                let gate = Arc::clone(&self.write_gate).lock_owned().await;
                let begin = sqlx::SqlSafeStr::into_sql_str("BEGIN IMMEDIATE");
                (
                    TxConn::Sqlite(sqlx::Transaction::begin(conn, Some(begin)).await?),
                    Some(gate),
                )
            }
            Pool::Postgres(pool) => (TxConn::Postgres(pool.begin().await?), None),
        };
        Ok(Tx {
            conn,
            chain_key: Arc::clone(&self.chain_key),
            _gate: gate,
        })
    }
}

/// A write transaction on one of the two backends. Dropped without [`Tx::commit`], it rolls
/// back.
#[derive(Debug)]
pub(crate) struct Tx {
    conn: TxConn,
    chain_key: Arc<ChainKey>,
    /// This process's turn to write (SQLite), given up when the transaction ends.
    _gate: Option<tokio::sync::OwnedMutexGuard<()>>,
}

#[derive(Debug)]
enum TxConn {
    /// On SQLite.
    Sqlite(Transaction<'static, Sqlite>),
    /// On PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self.conn {
            TxConn::Sqlite(_) => Backend::Sqlite,
            TxConn::Postgres(_) => Backend::Postgres,
        }
    }

    /// The key that seals the audit chain.
    pub fn chain_key(&self) -> &ChainKey {
        &self.chain_key
    }

    /// A query for this transaction's backend.
    pub fn query(&self, sql: impl SqlSafeStr) -> Query {
        Query::new(self.backend(), sql)
    }

    /// Commits.
    pub async fn commit(self) -> StoreResult<()> {
        match self.conn {
            TxConn::Sqlite(tx) => tx.commit().await?,
            TxConn::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// Serialises appends to the audit chain (and correlation, which holds the same lock) until
    /// commit: a transaction-scoped advisory lock on PostgreSQL; SQLite has one writer at a
    /// time already.
    pub async fn lock_audit_chain(&mut self) -> StoreResult<()> {
        if let TxConn::Postgres(_) = self.conn {
            self.query("SELECT pg_advisory_xact_lock($1)")
                .bind(AUDIT_CHAIN_LOCK)
                .execute(&mut *self)
                .await?;
        }
        Ok(())
    }
}

/// Where a query runs: on the pool (each statement on its own) or inside a transaction.
pub(crate) enum On<'c> {
    /// The pool.
    Pool(&'c Db),
    /// A transaction.
    Tx(&'c mut Tx),
}

impl<'c> From<&'c Db> for On<'c> {
    fn from(db: &'c Db) -> On<'c> {
        On::Pool(db)
    }
}

impl<'c> From<&'c mut Tx> for On<'c> {
    fn from(tx: &'c mut Tx) -> On<'c> {
        On::Tx(tx)
    }
}

/// A statement with its values, built for one backend.
#[must_use = "a query does nothing until it is run"]
pub(crate) enum Query {
    /// For SQLite.
    Sqlite(SqliteQuery),
    /// For PostgreSQL.
    Postgres(PgQuery),
}

fn wrong_backend() -> StoreError {
    StoreError::Config("a query built for one backend was run on the other".to_owned())
}

impl Query {
    /// A query for `backend`.
    pub fn new(backend: Backend, sql: impl SqlSafeStr) -> Query {
        match backend {
            Backend::Sqlite => Query::Sqlite(sqlx::query(sql)),
            Backend::Postgres => Query::Postgres(sqlx::query(sql)),
        }
    }

    /// Binds the next parameter.
    pub fn bind(self, value: impl Param) -> Query {
        value.bind_to(self)
    }

    /// Binds a value both backends encode natively.
    pub(crate) fn bind_raw<'t, T>(self, value: T) -> Query
    where
        T: Encode<'t, Sqlite> + Type<Sqlite> + Encode<'t, Postgres> + Type<Postgres>,
    {
        match self {
            Query::Sqlite(query) => Query::Sqlite(query.bind(value)),
            Query::Postgres(query) => Query::Postgres(query.bind(value)),
        }
    }

    /// Runs it and returns how many rows it changed.
    pub async fn execute<'c>(self, on: impl Into<On<'c>>) -> StoreResult<u64> {
        Ok(match (self, on.into()) {
            (
                Query::Sqlite(q),
                On::Pool(Db {
                    pool: Pool::Sqlite(pool),
                    ..
                }),
            ) => q.execute(pool).await?.rows_affected(),
            (
                Query::Sqlite(q),
                On::Tx(Tx {
                    conn: TxConn::Sqlite(tx),
                    ..
                }),
            ) => q.execute(&mut **tx).await?.rows_affected(),
            (
                Query::Postgres(q),
                On::Pool(Db {
                    pool: Pool::Postgres(pool),
                    ..
                }),
            ) => q.execute(pool).await?.rows_affected(),
            (
                Query::Postgres(q),
                On::Tx(Tx {
                    conn: TxConn::Postgres(tx),
                    ..
                }),
            ) => q.execute(&mut **tx).await?.rows_affected(),
            _ => return Err(wrong_backend()),
        })
    }

    /// Runs it and returns every row.
    pub async fn all<'c>(self, on: impl Into<On<'c>>) -> StoreResult<Vec<Row>> {
        Ok(match (self, on.into()) {
            (
                Query::Sqlite(q),
                On::Pool(Db {
                    pool: Pool::Sqlite(pool),
                    ..
                }),
            ) => q
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            (
                Query::Sqlite(q),
                On::Tx(Tx {
                    conn: TxConn::Sqlite(tx),
                    ..
                }),
            ) => q
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            (
                Query::Postgres(q),
                On::Pool(Db {
                    pool: Pool::Postgres(pool),
                    ..
                }),
            ) => q
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
            (
                Query::Postgres(q),
                On::Tx(Tx {
                    conn: TxConn::Postgres(tx),
                    ..
                }),
            ) => q
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
            _ => return Err(wrong_backend()),
        })
    }

    /// Runs it and returns the first row, if any.
    pub async fn optional<'c>(self, on: impl Into<On<'c>>) -> StoreResult<Option<Row>> {
        Ok(match (self, on.into()) {
            (
                Query::Sqlite(q),
                On::Pool(Db {
                    pool: Pool::Sqlite(pool),
                    ..
                }),
            ) => q.fetch_optional(pool).await?.map(Row::Sqlite),
            (
                Query::Sqlite(q),
                On::Tx(Tx {
                    conn: TxConn::Sqlite(tx),
                    ..
                }),
            ) => q.fetch_optional(&mut **tx).await?.map(Row::Sqlite),
            (
                Query::Postgres(q),
                On::Pool(Db {
                    pool: Pool::Postgres(pool),
                    ..
                }),
            ) => q.fetch_optional(pool).await?.map(Row::Postgres),
            (
                Query::Postgres(q),
                On::Tx(Tx {
                    conn: TxConn::Postgres(tx),
                    ..
                }),
            ) => q.fetch_optional(&mut **tx).await?.map(Row::Postgres),
            _ => return Err(wrong_backend()),
        })
    }

    /// Runs it and returns the one row it must return.
    pub async fn one<'c>(self, on: impl Into<On<'c>>) -> StoreResult<Row> {
        self.optional(on).await?.ok_or(StoreError::NotFound)
    }
}

/// A row from either backend, read by position.
#[derive(Debug)]
pub(crate) enum Row {
    /// From SQLite.
    Sqlite(SqliteRow),
    /// From PostgreSQL.
    Postgres(PgRow),
}

impl Row {
    /// Reads the columns in order, naming `table` in any error.
    pub fn cols(&self, table: &'static str) -> Cols<'_> {
        Cols {
            row: self,
            at: 0,
            table,
            id: None,
        }
    }

    /// The first column, for one-value queries (`SELECT COUNT(*)`).
    pub fn first<T: Column>(&self, table: &'static str) -> StoreResult<T> {
        self.cols(table).get()
    }

    fn is_null(&self, at: usize) -> Result<bool, sqlx::Error> {
        Ok(match self {
            Row::Sqlite(row) => row.try_get_raw(at)?.is_null(),
            Row::Postgres(row) => row.try_get_raw(at)?.is_null(),
        })
    }

    /// Decodes a value both backends decode natively.
    pub(crate) fn get_raw<'r, T>(&'r self, at: usize) -> Result<T, sqlx::Error>
    where
        T: Decode<'r, Sqlite> + Type<Sqlite> + Decode<'r, Postgres> + Type<Postgres>,
    {
        match self {
            Row::Sqlite(row) => row.try_get(at),
            Row::Postgres(row) => row.try_get(at),
        }
    }
}

/// The columns of one row, read in order.
pub(crate) struct Cols<'r> {
    row: &'r Row,
    at: usize,
    table: &'static str,
    id: Option<String>,
}

impl Cols<'_> {
    /// The next column.
    pub fn get<T: Column>(&mut self) -> StoreResult<T> {
        let at = self.at;
        self.at += 1;
        T::read(self.row, at)
            .map_err(|problem| self.corrupt(format!("column {}: {problem}", at + 1)))
    }

    /// The next column, which is the row's id: errors from here on name it.
    pub fn id<T: Column + std::fmt::Display>(&mut self) -> StoreResult<T> {
        let id: T = self.get()?;
        self.id = Some(id.to_string());
        Ok(id)
    }

    /// The next column, turned into a domain value by `parse`; `what` names it if that fails.
    pub fn parse<T: Column, U>(
        &mut self,
        what: &str,
        parse: impl FnOnce(T) -> Result<U, String>,
    ) -> StoreResult<U> {
        let raw: T = self.get()?;
        parse(raw).map_err(|problem| self.corrupt(format!("{what}: {problem}")))
    }

    /// A corruption of this row.
    pub fn corrupt(&self, problem: String) -> StoreError {
        StoreError::Corrupt {
            table: self.table,
            id: self.id.clone().unwrap_or_else(|| "?".to_owned()),
            problem,
        }
    }
}

/// A value that can be bound as a parameter.
pub(crate) trait Param {
    /// Binds itself as the next parameter of `query`.
    fn bind_to(self, query: Query) -> Query;
}

/// A value that can be read from a column.
pub(crate) trait Column: Sized {
    /// Reads column `at` of `row`.
    fn read(row: &Row, at: usize) -> Result<Self, String>;
}

macro_rules! native {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn bind_to(self, query: Query) -> Query {
                query.bind_raw(self)
            }
        }
        impl Param for Option<$t> {
            fn bind_to(self, query: Query) -> Query {
                query.bind_raw(self)
            }
        }
        impl Column for $t {
            fn read(row: &Row, at: usize) -> Result<Self, String> {
                row.get_raw::<$t>(at).map_err(|e| e.to_string())
            }
        }
    )*};
}

native!(i64, f64, bool, String, uuid::Uuid, Vec<u8>);

impl Param for &str {
    fn bind_to(self, query: Query) -> Query {
        query.bind_raw(self)
    }
}

impl Param for Option<&str> {
    fn bind_to(self, query: Query) -> Query {
        query.bind_raw(self)
    }
}

impl Param for &String {
    fn bind_to(self, query: Query) -> Query {
        query.bind_raw(self.as_str())
    }
}

impl Param for &Option<String> {
    fn bind_to(self, query: Query) -> Query {
        query.bind_raw(self.as_deref())
    }
}

impl<T: Column> Column for Option<T> {
    fn read(row: &Row, at: usize) -> Result<Self, String> {
        if row.is_null(at).map_err(|e| e.to_string())? {
            Ok(None)
        } else {
            T::read(row, at).map(Some)
        }
    }
}
