//! Linking's SQL: bringing the mirror up to date, writing a plan, and reading links and alerts.

use peel_core::audit::{AuditCode, AuditEvent, Operation};
use peel_core::notification::AlertStatus;
use peel_core::{AlertId, ItemRef, Marking, NotificationId, OrganisationId, Source};
use peel_link::{Kind, Sighting};
use time::OffsetDateTime;

use super::mirror::{Held, Mirror, MirrorSlot};
use super::plan::{Item, plan};
use super::{
    AlertChange, AlertQuery, AlertRecord, Correlated, ItemIndicators, LinkRecord, LinkingStore,
};
use crate::audit::{commit_if_changed, commit_with};
use crate::bulk::{params, rows_per_statement, values_sql};
use crate::engine::Engine;
use crate::sql::{Row, Tx};
use crate::{StoreError, StoreResult};

const ALERT_COLUMNS: &str = "id, item, organisation_id, notification, notifications, marking, \
    kind, value, status, raised_at_us, updated_at_us, handled_by, handled_at_us";

fn alert_of(row: &Row) -> StoreResult<AlertRecord> {
    let mut cols = row.cols("alerts");
    let id = cols.id()?;
    let item = cols.get()?;
    let organisation = cols.get()?;
    let notification = cols.parse("notification", |text: String| {
        match text.parse::<ItemRef>().map_err(|e| e.to_string())? {
            ItemRef::Notification(id) => Ok(id),
            ItemRef::Submission(_) => Err(format!("{text} is not a notification")),
        }
    })?;
    let record = AlertRecord {
        id,
        item,
        organisation,
        notification,
        notifications: cols.get()?,
        marking: cols.get()?,
        kind: cols.get()?,
        value: cols.get()?,
        status: cols.get()?,
        raised_at: cols.get()?,
        updated_at: cols.get()?,
        handled: None,
    };
    let by: Option<String> = cols.get()?;
    let at: Option<OffsetDateTime> = cols.get()?;
    Ok(AlertRecord {
        handled: by.zip(at),
        ..record
    })
}

/// A notification's indicators as stored with it: `[["kind", "value"], ...]`.
fn stored_indicators(json: &str) -> Result<Vec<(Kind, String)>, String> {
    let pairs: Vec<(String, String)> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    pairs
        .into_iter()
        .map(|(kind, value)| {
            Kind::from_slug(&kind)
                .map(|kind| (kind, value))
                .ok_or_else(|| format!("{kind:?} is not an indicator kind"))
        })
        .collect()
}

/// Takes the correlation lock for the rest of the transaction (on PostgreSQL the audit chain's
/// lock, held to commit; SQLite has one writer) and the mirror, brought up to date with every
/// row added since it last read (or rebuilt, when the epoch moved).
pub(crate) async fn hold_mirror<'m>(tx: &mut Tx, slot: &'m MirrorSlot) -> StoreResult<Held<'m>> {
    const PAGE: i64 = 50_000;
    tx.lock_audit_chain().await?;
    let mut held = Held::take(slot).await;
    let epoch: i64 = tx
        .query("SELECT epoch FROM correlation_epoch WHERE id = 1")
        .one(&mut *tx)
        .await?
        .first("correlation_epoch")?;
    let (mut mirror, rebuilt) = match held.mirror.take() {
        Some(mirror) if mirror.epoch == epoch => (mirror, false),
        _ => (Mirror::new(epoch), true),
    };
    loop {
        let rows = tx
            .query(
                "SELECT seq, kind, value FROM common_values WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(mirror.common_seq)
            .bind(PAGE)
            .all(&mut *tx)
            .await?;
        let Some(last) = rows
            .last()
            .map(|r| r.first::<i64>("common_values"))
            .transpose()?
        else {
            break;
        };
        for row in &rows {
            let mut cols = row.cols("common_values");
            let _seq: i64 = cols.id()?;
            let kind: Kind = cols.get()?;
            let value: String = cols.get()?;
            mirror.index.mark_common(kind, &value);
        }
        mirror.common_seq = last;
    }
    loop {
        let rows = tx
            .query(
                "SELECT seq, kind, value, item, source, marking, found_in, seen_at_us \
                 FROM indicator_postings WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(mirror.postings_seq)
            .bind(PAGE)
            .all(&mut *tx)
            .await?;
        let Some(last) = rows
            .last()
            .map(|r| r.first::<i64>("indicator_postings"))
            .transpose()?
        else {
            break;
        };
        for row in &rows {
            let mut cols = row.cols("indicator_postings");
            let _seq: i64 = cols.id()?;
            let kind: Kind = cols.get()?;
            let value: String = cols.get()?;
            let item: ItemRef = cols.get()?;
            let source: Source = cols.get()?;
            let marking: Marking = cols.get()?;
            let found_in: String = cols.get()?;
            let at: i64 = cols.get()?;
            let sighting = Sighting {
                item,
                source: &source,
                marking,
                found_in: &found_in,
                at,
            };
            mirror.index.record(kind, &value, &sighting);
        }
        mirror.postings_seq = last;
    }
    loop {
        let rows = tx
            .query(
                "SELECT seq, id, organisation_id, marking, found_in, received_at_us, indicators \
                 FROM notifications WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(mirror.notifications_seq)
            .bind(PAGE)
            .all(&mut *tx)
            .await?;
        let Some(last) = rows
            .last()
            .map(|r| r.first::<i64>("notifications"))
            .transpose()?
        else {
            break;
        };
        for row in &rows {
            let mut cols = row.cols("notifications");
            let _seq: i64 = cols.get()?;
            let id: NotificationId = cols.id()?;
            let organisation: OrganisationId = cols.get()?;
            let marking: Marking = cols.get()?;
            let found_in: String = cols.get()?;
            let at: i64 = cols.get()?;
            let values = cols.parse("indicators", |json: String| stored_indicators(&json))?;
            let source = Source::Organisation(organisation);
            let sighting = Sighting {
                item: ItemRef::Notification(id),
                source: &source,
                marking,
                found_in: &found_in,
                at,
            };
            for (kind, value) in values {
                mirror.index.record(kind, &value, &sighting);
            }
        }
        mirror.notifications_seq = last;
    }
    if rebuilt {
        tracing::info!(
            values = mirror.index.len(),
            epoch,
            "correlation mirror built from the store"
        );
    }
    held.mirror = Some(mirror);
    Ok(held)
}

/// Correlates a batch of items, in order, inside a write transaction holding the mirror: the
/// rule is applied in memory and postings, links, common values and alerts are written with
/// multi-row statements.
pub(crate) async fn correlate_held(
    tx: &mut Tx,
    held: &mut Held<'_>,
    items: &[Item<'_>],
    cap: usize,
) -> StoreResult<(Vec<Correlated>, Vec<AlertChange>)> {
    let Some(mirror) = held.mirror.as_mut() else {
        return Err(StoreError::corrupt("the correlation mirror is not held"));
    };
    mirror.index.set_cap(cap);
    let plan = plan(items, &mut mirror.index);
    let backend = tx.backend();

    for chunk in plan.postings.chunks(rows_per_statement(7)) {
        let sql = values_sql(
            backend,
            "INSERT INTO indicator_postings (kind, value, item, source, marking, found_in, \
             seen_at_us)",
            7,
            chunk.len(),
            "ON CONFLICT DO NOTHING",
        );
        let mut query = tx.query(sqlx::AssertSqlSafe(sql));
        for p in chunk {
            query = query
                .bind(p.kind)
                .bind(p.value)
                .bind(p.item)
                .bind(p.source)
                .bind(p.marking)
                .bind(p.found_in)
                .bind(p.at);
        }
        query.execute(&mut *tx).await?;
    }
    let links: Vec<&LinkRecord> = plan.correlated.iter().flat_map(|c| &c.links).collect();
    for chunk in links.chunks(rows_per_statement(8)) {
        let sql = values_sql(
            backend,
            "INSERT INTO item_links (earlier_item, later_item, kind, value, marking, \
             earlier_found_in, later_found_in, created_at_us)",
            8,
            chunk.len(),
            "ON CONFLICT DO NOTHING",
        );
        let mut query = tx.query(sqlx::AssertSqlSafe(sql));
        for link in chunk {
            query = query
                .bind(link.earlier)
                .bind(link.later)
                .bind(link.kind)
                .bind(&link.value)
                .bind(link.marking)
                .bind(&link.earlier_found_in)
                .bind(&link.later_found_in)
                .bind(link.created_at);
        }
        query.execute(&mut *tx).await?;
    }
    for chunk in plan.newly_common.chunks(rows_per_statement(4)) {
        let sql = values_sql(
            backend,
            "INSERT INTO common_values (kind, value, sources, marked_at_us)",
            4,
            chunk.len(),
            "ON CONFLICT DO NOTHING",
        );
        let mut query = tx.query(sqlx::AssertSqlSafe(sql));
        for common in chunk {
            query = query
                .bind(common.kind)
                .bind(&common.value)
                .bind(i64::try_from(common.sources).unwrap_or(i64::MAX))
                .bind(common.at);
        }
        query.execute(&mut *tx).await?;
    }
    for chunk in plan.alerts.chunks(rows_per_statement(11)) {
        let sql = values_sql(
            backend,
            "INSERT INTO alerts (item, organisation_id, notification, notifications, marking, \
             marking_rank, kind, value, status, raised_at_us, updated_at_us)",
            11,
            chunk.len(),
            "ON CONFLICT (item, organisation_id) DO UPDATE SET \
             notification = excluded.notification, \
             notifications = alerts.notifications + excluded.notifications, \
             marking = CASE WHEN excluded.marking_rank > alerts.marking_rank \
                 THEN excluded.marking ELSE alerts.marking END, \
             marking_rank = CASE WHEN excluded.marking_rank > alerts.marking_rank \
                 THEN excluded.marking_rank ELSE alerts.marking_rank END, \
             kind = excluded.kind, value = excluded.value, status = excluded.status, \
             updated_at_us = excluded.updated_at_us",
        );
        let mut query = tx.query(sqlx::AssertSqlSafe(sql));
        for alert in chunk {
            query = query
                .bind(alert.item)
                .bind(&alert.organisation)
                .bind(ItemRef::Notification(alert.notification))
                .bind(i64::try_from(alert.notifications).unwrap_or(i64::MAX))
                .bind(alert.marking)
                .bind(alert.marking as i64)
                .bind(alert.kind)
                .bind(&alert.value)
                .bind(AlertStatus::Open)
                .bind(alert.at)
                .bind(alert.at);
        }
        query.execute(&mut *tx).await?;
    }
    // Everything added since the mirror was brought up to date is this transaction's own,
    // already in the mirror: it moves past it.
    let row = tx
        .query(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM indicator_postings), \
             (SELECT COALESCE(MAX(seq), 0) FROM notifications), \
             (SELECT COALESCE(MAX(seq), 0) FROM common_values)",
        )
        .one(&mut *tx)
        .await?;
    let mut cols = row.cols("indicator_postings");
    mirror.postings_seq = cols.get()?;
    mirror.notifications_seq = cols.get()?;
    mirror.common_seq = cols.get()?;
    Ok((plan.correlated, plan.alerts))
}

/// Correlates one item inside a write transaction; the mirror comes back to be restored once
/// the transaction commits.
pub(crate) async fn correlate_in<'m>(
    tx: &mut Tx,
    slot: &'m MirrorSlot,
    item: &ItemIndicators,
    cap: usize,
) -> StoreResult<(Correlated, Vec<AlertChange>, Held<'m>)> {
    let mut held = hold_mirror(tx, slot).await?;
    let one = [Item {
        item: item.item,
        source: &item.source,
        marking: item.marking,
        at: item.at,
        indicators: &item.indicators,
        record_postings: true,
    }];
    let (mut correlated, alerts) = correlate_held(tx, &mut held, &one, cap).await?;
    Ok((correlated.pop().unwrap_or_default(), alerts, held))
}

/// One combination audit entry per alert raised or added to, with the report or concern as
/// its subject, so an auditor asking what was combined with a person's report finds it.
pub(crate) fn alert_events(alerts: &[AlertChange], template: &AuditEvent) -> Vec<AuditEvent> {
    alerts
        .iter()
        .map(|alert| {
            let mut event = template.clone();
            event.operation = Operation::Combination;
            event.event = AuditCode::AlertRaised;
            event.subject = alert.item.to_string();
            event.detail = alert_detail(alert);
            event
        })
        .collect()
}

/// What an `alert.raised` entry says. Every auditor and every export reads the trail, so
/// nothing derived from a TLP:RED notification is written in clear (finding M-1): not the
/// value, not the sender; the notification's reference leads a recipient to it.
fn alert_detail(alert: &AlertChange) -> String {
    let latest = ItemRef::Notification(alert.notification);
    if alert.marking == Marking::Red {
        format!(
            "{} notification(s) marked TLP:RED share a {}; latest {latest} (value and sender withheld from the trail)",
            alert.notifications,
            alert.kind.label(),
        )
    } else {
        format!(
            "{} notification(s) from organisation {} share the {} {}; latest {latest}",
            alert.notifications,
            alert.organisation,
            alert.kind.label(),
            alert.value,
        )
    }
}

/// The combination audit entry for the links made, if any.
/// Commits a change with its audit `events`, correlating first by what `linking` holds (its
/// links, alerts and their audit entries in the same transaction): the one way a change that
/// brings indicators (a report, an evidence file, a review) is committed.
pub(crate) async fn commit_linked(
    mut tx: Tx,
    slot: &MirrorSlot,
    mut events: Vec<AuditEvent>,
    linking: Option<super::Linking>,
) -> StoreResult<Correlated> {
    let Some(linking) = linking else {
        commit_with(tx, events).await?;
        return Ok(Correlated::default());
    };
    let (correlated, alerts, held) =
        correlate_in(&mut tx, slot, &linking.indicators, linking.cap).await?;
    events.extend(alert_events(&alerts, &linking.audit));
    events.extend(link_event(&linking.indicators, &correlated, linking.audit));
    commit_with(tx, events).await?;
    held.restore();
    Ok(correlated)
}

pub(crate) fn link_event(
    item: &ItemIndicators,
    correlated: &Correlated,
    mut audit: AuditEvent,
) -> Option<AuditEvent> {
    if correlated.links.is_empty() {
        return None;
    }
    let mut others: Vec<String> = correlated
        .links
        .iter()
        .map(|l| l.other(item.item).to_string())
        .collect();
    others.sort_unstable();
    others.dedup();
    let detail = format!("linked to {}", others.join(", "));
    audit.detail = if audit.detail.is_empty() {
        detail
    } else {
        format!("{}; {detail}", audit.detail)
    };
    Some(audit)
}

#[async_trait::async_trait]
impl<E: Engine> LinkingStore for E {
    async fn correlate(
        &self,
        item: &ItemIndicators,
        cap: usize,
        audit: AuditEvent,
    ) -> StoreResult<Correlated> {
        let mut tx = self.db().begin_write().await?;
        let (out, alerts, held) = correlate_in(&mut tx, self.mirror(), item, cap).await?;
        let mut events = alert_events(&alerts, &audit);
        events.extend(link_event(item, &out, audit));
        commit_with(tx, events).await?;
        held.restore();
        Ok(out)
    }

    async fn links_of(&self, item: ItemRef) -> StoreResult<Vec<LinkRecord>> {
        let db = self.db();
        db.query(
            "SELECT earlier_item, later_item, kind, value, marking, earlier_found_in, \
             later_found_in, created_at_us FROM item_links \
             WHERE earlier_item = $1 OR later_item = $1 \
             ORDER BY created_at_us, earlier_item, later_item, kind, value",
        )
        .bind(item)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("item_links");
            let earlier: ItemRef = cols.id()?;
            Ok(LinkRecord {
                earlier,
                later: cols.get()?,
                kind: cols.get()?,
                value: cols.get()?,
                marking: cols.get()?,
                earlier_found_in: cols.get()?,
                later_found_in: cols.get()?,
                created_at: cols.get()?,
            })
        })
        .collect()
    }

    async fn common_among(&self, values: &[(Kind, String)]) -> StoreResult<Vec<(Kind, String)>> {
        let db = self.db();
        let mut out = Vec::new();
        for chunk in values.chunks(rows_per_statement(2)) {
            let pairs: Vec<String> = (0..chunk.len())
                .map(|i| {
                    format!(
                        "(kind = {} AND value = {})",
                        params(db.backend(), 1, 2 * i + 1),
                        params(db.backend(), 1, 2 * i + 2)
                    )
                })
                .collect();
            let sql = format!(
                "SELECT kind, value FROM common_values WHERE {}",
                pairs.join(" OR ")
            );
            let mut query = db.query(sqlx::AssertSqlSafe(sql));
            for (kind, value) in chunk {
                query = query.bind(*kind).bind(value);
            }
            for row in query.all(db).await? {
                let mut cols = row.cols("common_values");
                out.push((cols.get()?, cols.get()?));
            }
        }
        Ok(out)
    }

    async fn alerts(&self, query: &AlertQuery) -> StoreResult<Vec<AlertRecord>> {
        let db = self.db();
        let (m, r) = (query.markings.len(), query.red_from.len());
        // Numbered parameters throughout, each appearing once in order, which both backends
        // read alike (`bulk::params` writes `?` on SQLite, which must not be mixed with `$N`).
        let list = |n: usize, from: usize| {
            if n == 0 {
                "NULL".to_owned()
            } else {
                (from..from + n)
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let sql = format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE ($1 IS NULL OR status = $1) \
             AND ($2 IS NULL OR updated_at_us < $2 OR (updated_at_us = $2 AND id < $3)) \
             AND (marking IN ({}) OR (marking = 'TLP:RED' AND organisation_id IN ({}))) \
             ORDER BY updated_at_us DESC, id DESC LIMIT $4",
            list(m, 5),
            list(r, 5 + m),
        );
        let mut q = db
            .query(sqlx::AssertSqlSafe(sql))
            .bind(query.status)
            .bind(query.before.map(|(at, _)| at))
            .bind(query.before.map(|(_, id)| id))
            .bind(i64::from(query.limit));
        for marking in &query.markings {
            q = q.bind(*marking);
        }
        for organisation in &query.red_from {
            q = q.bind(organisation);
        }
        q.all(db).await?.iter().map(alert_of).collect()
    }

    async fn alerts_of(&self, item: ItemRef) -> StoreResult<Vec<AlertRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE item = $1 ORDER BY id"
        )))
        .bind(item)
        .all(db)
        .await?
        .iter()
        .map(alert_of)
        .collect()
    }

    async fn alert(&self, id: AlertId) -> StoreResult<Option<AlertRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE id = $1"
        )))
        .bind(id)
        .optional(db)
        .await?
        .map(|row| alert_of(&row))
        .transpose()
    }

    async fn set_alert_status(
        &self,
        id: AlertId,
        status: AlertStatus,
        username: &str,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "UPDATE alerts SET status = $1, handled_by = $2, handled_at_us = $3 WHERE id = $4",
            )
            .bind(status)
            .bind(username)
            .bind(at)
            .bind(id)
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(marking: Marking) -> AlertChange {
        AlertChange {
            item: ItemRef::Submission(peel_core::SubmissionId(uuid::Uuid::from_u128(1))),
            organisation: OrganisationId::parse("northbank").unwrap(),
            notification: NotificationId(uuid::Uuid::from_u128(2)),
            notifications: 1,
            marking,
            kind: Kind::BankAccount,
            value: "401122-87654321".into(),
            at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    /// Finding M-1: the audit trail never holds a TLP:RED value or its sender in clear.
    #[test]
    fn a_red_alert_is_audited_by_reference_only() {
        let red = alert_detail(&alert(Marking::Red));
        assert!(!red.contains("401122"), "{red}");
        assert!(!red.contains("northbank"), "{red}");
        assert!(red.contains("notification:00000000-0000-0000-0000-000000000002"));
        let amber = alert_detail(&alert(Marking::Amber));
        assert!(amber.contains("401122-87654321") && amber.contains("northbank"));
    }
}
