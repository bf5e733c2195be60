//! Crime counts' SQL.

use peel_core::WardCode;
use peel_core::stats::police_uk::Month;
use peel_core::submission::Category;

use super::{CrimeMonth, StatsStore, WardOutline};
use crate::StoreResult;
use crate::engine::Engine;

fn month_of(text: String) -> Result<Month, String> {
    Month::parse(&text).ok_or_else(|| format!("{text:?} is not a month"))
}

fn ward_of(text: String) -> Result<WardCode, String> {
    WardCode::parse(&text).map_err(|e| e.to_string())
}

fn count_of(n: i64) -> Result<u64, String> {
    u64::try_from(n).map_err(|_| format!("{n} is not a count"))
}

/// A month's counts of placed wards, one row a ward, its categories as `slug:n,slug:n`.
fn pack_by_ward(counts: &[(Option<WardCode>, Category, u64)]) -> Vec<(&WardCode, String)> {
    let mut by_ward: std::collections::BTreeMap<&WardCode, Vec<(&'static str, u64)>> =
        std::collections::BTreeMap::new();
    for (ward, category, n) in counts {
        if let Some(ward) = ward {
            by_ward.entry(ward).or_default().push((category.slug(), *n));
        }
    }
    by_ward
        .into_iter()
        .map(|(ward, mut cells)| {
            cells.sort_unstable();
            let packed = cells
                .iter()
                .map(|(slug, n)| format!("{slug}:{n}"))
                .collect::<Vec<_>>()
                .join(",");
            (ward, packed)
        })
        .collect()
}

#[async_trait::async_trait]
impl<E: Engine> StatsStore for E {
    async fn replace_crime_month(&self, month: &CrimeMonth) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let text = month.month.to_string();
        for table in ["crime_counts", "crime_month_wards", "crime_imports"] {
            // `table` is one of the two fixed names above, never input.
            tx.query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE source = $1 AND month = $2"
            )))
            .bind(&month.source)
            .bind(&text)
            .execute(&mut tx)
            .await?;
        }
        let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        // Many rows a statement: a month of London is some ten thousand (ward, category)
        // counts, and one statement each was most of an import's time.
        crate::bulk::insert_rows(
            &mut tx,
            "INSERT INTO crime_counts (source, month, ward_code, category, crimes)",
            5,
            &month.counts,
            |query, (ward, category, crimes)| {
                query
                    .bind(&month.source)
                    .bind(&text)
                    .bind(ward.as_ref().map_or("", |w| w.as_str()))
                    .bind(*category)
                    .bind(signed(*crimes))
            },
        )
        .await?;
        // The same counts a placed ward to a row, for the dashboards (migration 0037).
        crate::bulk::insert_rows(
            &mut tx,
            "INSERT INTO crime_month_wards (source, month, ward_code, packed)",
            4,
            &pack_by_ward(&month.counts),
            |query, (ward, packed)| {
                query
                    .bind(&month.source)
                    .bind(&text)
                    .bind(ward.as_str())
                    .bind(packed)
            },
        )
        .await?;
        tx.query(
            "INSERT INTO crime_imports (source, month, file, crimes, placed, outside, unplaced, \
             imported_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&month.source)
        .bind(&text)
        .bind(&month.file)
        .bind(signed(month.crimes))
        .bind(signed(month.placed))
        .bind(signed(month.outside))
        .bind(signed(month.unplaced))
        .bind(month.imported_at)
        .execute(&mut tx)
        .await?;
        tx.commit().await
    }

    async fn crime_counts(
        &self,
        ward: Option<&WardCode>,
        from: Month,
        to: Month,
    ) -> StoreResult<Vec<(Month, Category, u64)>> {
        let db = self.db();
        let rows = db
            .query(
                "SELECT month, category, CAST(SUM(crimes) AS BIGINT) FROM crime_counts \
                 WHERE month >= $1 AND month <= $2 AND ($3 IS NULL OR ward_code = $3) \
                 GROUP BY month, category ORDER BY month, category",
            )
            .bind(from.to_string())
            .bind(to.to_string())
            .bind(ward.map(WardCode::as_str))
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("crime_counts");
                Ok((
                    cols.parse("month", month_of)?,
                    cols.get()?,
                    cols.parse("crimes", count_of)?,
                ))
            })
            .collect()
    }

    async fn crime_imports(&self) -> StoreResult<Vec<CrimeMonth>> {
        let db = self.db();
        let rows = db
            .query(
                "SELECT source, month, file, crimes, placed, outside, unplaced, imported_at_us \
                 FROM crime_imports ORDER BY source, month",
            )
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("crime_imports");
                Ok(CrimeMonth {
                    source: cols.get()?,
                    month: cols.parse("month", month_of)?,
                    file: cols.get()?,
                    counts: Vec::new(),
                    crimes: cols.parse("crimes", count_of)?,
                    placed: cols.parse("placed", count_of)?,
                    outside: cols.parse("outside", count_of)?,
                    unplaced: cols.parse("unplaced", count_of)?,
                    imported_at: cols.get()?,
                })
            })
            .collect()
    }

    async fn crime_counts_by_ward(
        &self,
        from: Month,
        to: Month,
        wards: Option<&[WardCode]>,
    ) -> StoreResult<Vec<(WardCode, Month, Category, u64)>> {
        use crate::bulk::params;
        let db = self.db();
        let backend = db.backend();
        // Through the table's own key (month, ward); only placed wards are held in it. The
        // text holds only placeholders.
        let in_wards = match wards {
            Some([]) => return Ok(Vec::new()),
            Some(list) => format!("AND ward_code IN ({})", params(backend, list.len(), 3)),
            None => String::new(),
        };
        // One row a ward, month and source, its categories' counts packed as `slug:n,slug:n`
        // when imported: rows cross from the database's thread one at a time, and grouping
        // some ten thousand counts a month on every request was most of the force
        // dashboard's time (BENCHMARKS.md, issue 19).
        let mut query = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT ward_code, month, packed FROM crime_month_wards \
                 WHERE month >= {} AND month <= {} {in_wards} ORDER BY month, ward_code",
                params(backend, 1, 1),
                params(backend, 1, 2),
            )))
            .bind(from.to_string())
            .bind(to.to_string());
        for ward in wards.into_iter().flatten() {
            query = query.bind(ward.as_str());
        }
        let rows = query.all(db).await?;
        let mut out = Vec::with_capacity(rows.len() * 14);
        for row in &rows {
            let mut cols = row.cols("crime_month_wards");
            let ward: WardCode = cols.parse("ward_code", ward_of)?;
            let month = cols.parse("month", month_of)?;
            let counts: Vec<(Category, u64)> = cols.parse("packed", |packed: String| {
                packed
                    .split(',')
                    .map(|pair| {
                        let (slug, n) = pair
                            .split_once(':')
                            .ok_or_else(|| format!("{pair:?} is not category:count"))?;
                        let category = Category::parse(slug)
                            .ok_or_else(|| format!("{slug:?} is not a category"))?;
                        let n = n.parse().map_err(|_| format!("{n:?} is not a count"))?;
                        Ok((category, n))
                    })
                    .collect::<Result<Vec<_>, String>>()
            })?;
            out.extend(
                counts
                    .into_iter()
                    .map(|(category, n)| (ward.clone(), month, category, n)),
            );
        }
        // By month, ward and category; a second source's count for the same cell adds to the
        // first's.
        out.sort_by(|a, b| (a.1, a.0.as_str(), a.2.slug()).cmp(&(b.1, b.0.as_str(), b.2.slug())));
        out.dedup_by(|later, kept| {
            let same = later.1 == kept.1 && later.0 == kept.0 && later.2 == kept.2;
            if same {
                kept.3 += later.3;
            }
            same
        });
        Ok(out)
    }

    async fn source_counts(
        &self,
        source: &str,
        month: Month,
        category: Category,
    ) -> StoreResult<Vec<(Option<WardCode>, u64)>> {
        let db = self.db();
        let rows = db
            .query(
                "SELECT ward_code, crimes FROM crime_counts \
                 WHERE source = $1 AND month = $2 AND category = $3 ORDER BY ward_code",
            )
            .bind(source)
            .bind(month.to_string())
            .bind(category)
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("crime_counts");
                let ward: String = cols.get()?;
                let ward = if ward.is_empty() {
                    None
                } else {
                    Some(WardCode::parse(&ward).map_err(|e| cols.corrupt(e.to_string()))?)
                };
                Ok((ward, cols.parse("crimes", count_of)?))
            })
            .collect()
    }

    async fn replace_harm_weights(
        &self,
        source: &str,
        weights: &[(Category, f64)],
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query("DELETE FROM harm_weights")
            .execute(&mut tx)
            .await?;
        for (category, days) in weights {
            tx.query("INSERT INTO harm_weights (category, days, source) VALUES ($1, $2, $3)")
                .bind(*category)
                .bind(*days)
                .bind(source)
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await
    }

    async fn harm_weights(&self) -> StoreResult<(Vec<(Category, f64)>, Option<String>)> {
        let db = self.db();
        let rows = db
            .query("SELECT category, days, source FROM harm_weights ORDER BY category")
            .all(db)
            .await?;
        let mut source = None;
        let mut weights = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut cols = row.cols("harm_weights");
            weights.push((cols.get()?, cols.get()?));
            source = Some(cols.get()?);
        }
        Ok((weights, source))
    }

    async fn replace_ward_residents(&self, residents: &[(WardCode, i32, f64)]) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query("DELETE FROM ward_residents")
            .execute(&mut tx)
            .await?;
        for (ward, year, people) in residents {
            tx.query("INSERT INTO ward_residents (ward_code, year, residents) VALUES ($1, $2, $3)")
                .bind(ward.as_str())
                .bind(i64::from(*year))
                .bind(*people)
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await
    }

    async fn ward_residents(
        &self,
        wards: Option<&[WardCode]>,
    ) -> StoreResult<Vec<(WardCode, i32, f64)>> {
        let db = self.db();
        let in_wards = match wards {
            Some([]) => return Ok(Vec::new()),
            // Only placeholders go into the text.
            Some(list) => format!(
                "WHERE ward_code IN ({})",
                crate::bulk::params(db.backend(), list.len(), 1)
            ),
            None => String::new(),
        };
        let mut query = db.query(sqlx::AssertSqlSafe(format!(
            "SELECT ward_code, year, residents FROM ward_residents {in_wards} \
             ORDER BY ward_code, year"
        )));
        for ward in wards.into_iter().flatten() {
            query = query.bind(ward.as_str());
        }
        let rows = query.all(db).await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("ward_residents");
                Ok((
                    cols.parse("ward_code", ward_of)?,
                    cols.parse("year", |y: i64| {
                        i32::try_from(y).map_err(|_| format!("{y} is not a year"))
                    })?,
                    cols.get()?,
                ))
            })
            .collect()
    }

    async fn open_data_reports(
        &self,
        from: time::OffsetDateTime,
        to: time::OffsetDateTime,
    ) -> StoreResult<Vec<super::OpenDataReport>> {
        let db = self.db();
        let rows = db
            .query(
                "SELECT s.id, s.received_at_us, s.category, s.location_kind, s.postcode, \
                 s.latitude, s.longitude, s.address_line, COALESCE(m.outcome, c.outcome), \
                 COALESCE(m.closed_at_us, c.closed_at_us) FROM submissions s \
                 LEFT JOIN case_submissions cs ON cs.submission_id = s.id \
                 LEFT JOIN cases c ON c.id = cs.case_id \
                 LEFT JOIN cases m ON m.id = c.merged_into \
                 WHERE s.received_at_us >= $1 AND s.received_at_us < $2 \
                 AND s.restricted IS NULL ORDER BY s.received_at_us, s.id",
            )
            .bind(from)
            .bind(to)
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("submissions");
                let id = cols.id()?;
                let received_at = cols.get()?;
                let category = cols.get()?;
                let location = crate::submissions::row::location_of(&mut cols)?;
                let kind: Option<peel_core::case::OutcomeKind> = cols.get()?;
                let closed_at: Option<time::OffsetDateTime> = cols.get()?;
                Ok(super::OpenDataReport {
                    id,
                    received_at,
                    category,
                    location,
                    outcome: kind.zip(closed_at),
                })
            })
            .collect()
    }

    async fn task_hours(
        &self,
        from: time::Date,
        to: time::Date,
    ) -> StoreResult<Vec<(Option<(f64, f64)>, f64)>> {
        let db = self.db();
        let rows = db
            .query(
                "SELECT place_lat, place_lon, hours FROM tasks WHERE status = 'done' \
                 AND hours IS NOT NULL AND day_on >= $1 AND day_on < $2 ORDER BY day_on",
            )
            .bind(from.to_string())
            .bind(to.to_string())
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("tasks");
                let latitude: Option<f64> = cols.get()?;
                let longitude: Option<f64> = cols.get()?;
                Ok((latitude.zip(longitude), cols.get()?))
            })
            .collect()
    }

    async fn upsert_pas_measures(
        &self,
        source: &str,
        rows: &[peel_core::stats::pas::PasRow],
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        for row in rows {
            let quarter = row.quarter.to_string();
            tx.query(
                "DELETE FROM pas_measures WHERE area_code = $1 AND measure = $2 AND quarter = $3",
            )
            .bind(row.area.as_str())
            .bind(&row.measure)
            .bind(&quarter)
            .execute(&mut tx)
            .await?;
            tx.query(
                "INSERT INTO pas_measures (area_code, quarter, measure, respondents, share, \
                 source) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(row.area.as_str())
            .bind(&quarter)
            .bind(&row.measure)
            .bind(i64::try_from(row.respondents).unwrap_or(i64::MAX))
            .bind(row.share)
            .bind(source)
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await
    }

    async fn pas_measures(
        &self,
        areas: &[&str],
    ) -> StoreResult<Vec<(peel_core::stats::pas::PasRow, String)>> {
        use peel_core::stats::pas::{PasArea, PasRow, Quarter};
        if areas.is_empty() {
            return Ok(Vec::new());
        }
        let db = self.db();
        // Only placeholders go into the text.
        let mut query = db.query(sqlx::AssertSqlSafe(format!(
            "SELECT area_code, quarter, measure, respondents, share, source FROM pas_measures \
             WHERE area_code IN ({}) ORDER BY area_code, measure, quarter",
            crate::bulk::params(db.backend(), areas.len(), 1)
        )));
        for area in areas {
            query = query.bind(*area);
        }
        let rows = query.all(db).await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("pas_measures");
                let area = cols.parse("area_code", |t: String| {
                    PasArea::parse(&t).ok_or_else(|| format!("{t:?} is not an area"))
                })?;
                let quarter = cols.parse("quarter", |t: String| {
                    Quarter::parse(&t).ok_or_else(|| format!("{t:?} is not a quarter"))
                })?;
                let measure = cols.get()?;
                let respondents = cols.parse("respondents", count_of)?;
                let share = cols.get()?;
                Ok((
                    PasRow {
                        area,
                        quarter,
                        measure,
                        respondents,
                        share,
                    },
                    cols.get()?,
                ))
            })
            .collect()
    }

    async fn replace_ward_outlines(&self, outlines: &[WardOutline]) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query("DELETE FROM ward_outlines")
            .execute(&mut tx)
            .await?;
        for outline in outlines {
            let (min_x, min_y, max_x, max_y) = outline.bounds;
            tx.query(
                "INSERT INTO ward_outlines (ward_code, borough_code, path, min_x, min_y, max_x, \
                 max_y) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(outline.ward.as_str())
            .bind(&outline.borough_code)
            .bind(&outline.path)
            .bind(min_x)
            .bind(min_y)
            .bind(max_x)
            .bind(max_y)
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await
    }

    async fn ward_outlines(&self, borough_code: Option<&str>) -> StoreResult<Vec<WardOutline>> {
        let db = self.db();
        let rows = db
            .query(
                "SELECT ward_code, borough_code, path, min_x, min_y, max_x, max_y \
                 FROM ward_outlines WHERE ($1 IS NULL OR borough_code = $1) ORDER BY ward_code",
            )
            .bind(borough_code)
            .all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("ward_outlines");
                Ok(WardOutline {
                    ward: cols.parse("ward_code", ward_of)?,
                    borough_code: cols.get()?,
                    path: cols.get()?,
                    bounds: (cols.get()?, cols.get()?, cols.get()?, cols.get()?),
                })
            })
            .collect()
    }

    async fn ward_reports(
        &self,
        wards: &[WardCode],
        from: time::OffsetDateTime,
        to: time::OffsetDateTime,
    ) -> StoreResult<Vec<super::WardReport>> {
        super::ward_reports::read(self.db(), wards, from, to).await
    }

    async fn report_facts(
        &self,
        wards: Option<&[WardCode]>,
        from: time::OffsetDateTime,
        to: time::OffsetDateTime,
    ) -> StoreResult<Vec<peel_core::stats::own::ReportFacts>> {
        use crate::bulk::params;
        let db = self.db();
        let backend = db.backend();
        // Only placeholders go into the text.
        let in_wards = match wards {
            Some([]) => return Ok(Vec::new()),
            Some(list) => format!("AND s.ward_code IN ({})", params(backend, list.len(), 3)),
            None => String::new(),
        };
        let mut query = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT s.received_at_us, s.first_contact_at_us, \
                 COALESCE(s.grade_override, s.grade), s.channel, \
                 COALESCE(lower(s.contact_email), s.contact_phone), COALESCE(m.outcome, c.outcome) \
                 FROM submissions s \
                 LEFT JOIN case_submissions cs ON cs.submission_id = s.id \
                 LEFT JOIN cases c ON c.id = cs.case_id \
                 LEFT JOIN cases m ON m.id = c.merged_into \
                 WHERE s.received_at_us >= {} AND s.received_at_us < {} {in_wards} \
                 ORDER BY s.received_at_us",
                params(backend, 1, 1),
                params(backend, 1, 2),
            )))
            .bind(from)
            .bind(to);
        for ward in wards.into_iter().flatten() {
            query = query.bind(ward.as_str());
        }
        let rows = query.all(db).await?;
        rows.iter()
            .map(|row| {
                let mut cols = row.cols("submissions");
                let received_at = cols.get()?;
                let first_contact_at = cols.get()?;
                let grade: Option<peel_core::triage::Grade> = cols.get()?;
                Ok(peel_core::stats::own::ReportFacts {
                    received_at,
                    first_contact_at,
                    grade: grade.and_then(|g| g.letter().chars().next()),
                    channel: cols.get()?,
                    victim: cols.get()?,
                    outcome: cols.get()?,
                })
            })
            .collect()
    }
}
