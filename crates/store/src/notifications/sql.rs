//! Notifications' SQL.

use std::collections::{HashMap, HashSet};

use peel_core::audit::{AuditCode, AuditEvent, Operation};
use peel_core::notification::NotificationType;
use peel_core::notification::retention::{Covers, Retention};
use peel_core::{ItemRef, Marking, NotificationId, OrganisationId, Source, UserId};
use time::OffsetDateTime;

use super::{
    IngestOutcome, NewNotification, NotificationRecord, NotificationStore, Organisation,
    RetentionOutcome, SentNotification,
};
use crate::audit::commit_with;
use crate::bulk::{params, rows_per_statement, values_sql};
use crate::engine::Engine;
use crate::error::Conflict;
use crate::linking::alert_events;
use crate::linking::plan::Item;
use crate::linking::sql::{correlate_held, hold_mirror};
use crate::sql::{Db, Row, Tx};
use crate::{StoreError, StoreResult};

const ORGANISATION_COLUMNS: &str = "id, name, sector, contact, agreement, allowed_types, \
    default_marking, rate_per_minute, created_at_us, feedback_marking, kind, phone";

fn organisation_of(row: &Row) -> StoreResult<Organisation> {
    let mut cols = row.cols("organisations");
    Ok(Organisation {
        id: cols.id()?,
        name: cols.get()?,
        sector: cols.get()?,
        contact: cols.get()?,
        agreement: cols.get()?,
        allowed_types: cols.parse("allowed_types", |text: String| {
            text.split(',')
                .filter(|t| !t.is_empty())
                .map(|t| NotificationType::parse(t).ok_or_else(|| format!("{t:?} is not a type")))
                .collect()
        })?,
        default_marking: cols.get()?,
        rate_per_minute: cols.get()?,
        created_at: cols.get()?,
        feedback: cols.get()?,
        kind: cols.get()?,
        phone: cols.get()?,
        red_recipients: Vec::new(),
    })
}

/// Organisations with their TLP:RED recipients (one query for the recipients of all).
async fn organisations_where(
    db: &Db,
    one: Option<&OrganisationId>,
) -> StoreResult<Vec<Organisation>> {
    let mut orgs = db
        .query(sqlx::AssertSqlSafe(format!(
            "SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE ($1 IS NULL OR id = $1) \
             ORDER BY id"
        )))
        .bind(one)
        .all(db)
        .await?
        .iter()
        .map(organisation_of)
        .collect::<StoreResult<Vec<_>>>()?;
    let at: HashMap<OrganisationId, usize> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    for row in db
        .query(
            "SELECT organisation_id, user_id FROM organisation_red_recipients \
             WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY organisation_id, user_id",
        )
        .bind(one)
        .all(db)
        .await?
    {
        let mut cols = row.cols("organisation_red_recipients");
        let org: OrganisationId = cols.id()?;
        let user: UserId = cols.get()?;
        if let Some(o) = at.get(&org).and_then(|i| orgs.get_mut(*i)) {
            o.red_recipients.push(user);
        }
    }
    Ok(orgs)
}

/// A notification's indicators as stored with it: `[["kind", "value"], ...]`.
fn indicators_json(n: &NewNotification) -> StoreResult<String> {
    serde_json::to_string(
        &n.indicators
            .iter()
            .map(|i| (i.kind.slug(), i.value.as_str()))
            .collect::<Vec<_>>(),
    )
    .map_err(|e| StoreError::corrupt(format!("indicators: {e}")))
}

/// Inserts notifications, many rows to a statement, each with its indicators as JSON and
/// where they were found (shared with the benchmark's baseline).
pub(crate) async fn insert_notification_rows(
    tx: &mut Tx,
    organisation: &OrganisationId,
    rows: &[(&NewNotification, &str, &str)],
) -> StoreResult<()> {
    let backend = tx.backend();
    for chunk in rows.chunks(rows_per_statement(16)) {
        let sql = values_sql(
            backend,
            "INSERT INTO notifications (id, organisation_id, own_id, kind, occurred_at_us, \
             received_at_us, postcode, online, amount_minor, currency, victim_age_band, body, \
             marking, indicators, found_in, source_version)",
            16,
            chunk.len(),
            "",
        );
        let mut query = tx.query(sqlx::AssertSqlSafe(sql));
        for (n, json, found_in) in chunk {
            query = query
                .bind(n.id)
                .bind(organisation)
                .bind(&n.own_id)
                .bind(n.kind)
                .bind(n.occurred_at)
                .bind(n.received_at)
                .bind(n.postcode.as_ref().map(AsRef::<str>::as_ref))
                .bind(n.online)
                .bind(n.amount.as_ref().map(|a| a.0))
                .bind(n.amount.as_ref().map(|a| a.1.as_str()))
                .bind(n.victim_age_band.as_deref())
                .bind(&n.body)
                .bind(n.marking)
                .bind(*json)
                .bind(*found_in)
                .bind(n.version);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// What becomes of one notification of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Stored anew.
    New,
    /// Stored in place of the one held under this id (a newer version).
    Replaces(NotificationId),
    /// Not stored.
    Duplicate,
}

/// Items as the linking table names them.
fn items(ids: &[NotificationId]) -> Vec<ItemRef> {
    ids.iter().copied().map(ItemRef::Notification).collect()
}

#[async_trait::async_trait]
impl<E: Engine> NotificationStore for E {
    async fn create_organisation(
        &self,
        org: &Organisation,
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let types: Vec<&str> = org.allowed_types.iter().map(|t| t.slug()).collect();
        tx.query(
            "INSERT INTO organisations (id, name, sector, contact, agreement, allowed_types, \
             default_marking, rate_per_minute, created_at_us, red_recipients, feedback_marking, \
             kind, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $11, $12)",
        )
        .bind(&org.id)
        .bind(&org.name)
        .bind(&org.sector)
        .bind(&org.contact)
        .bind(&org.agreement)
        .bind(types.join(","))
        .bind(org.default_marking)
        .bind(org.rate_per_minute)
        .bind(org.created_at)
        .bind(org.feedback)
        .bind(org.kind)
        .bind(&org.phone)
        .execute(&mut tx)
        .await
        .map_err(|error| error.or_conflict(Conflict::Organisation))?;
        for user in &org.red_recipients {
            let exists = tx
                .query("SELECT id FROM users WHERE id = $1")
                .bind(*user)
                .optional(&mut tx)
                .await?
                .is_some();
            if !exists {
                return Err(StoreError::NotFound);
            }
            tx.query(
                "INSERT INTO organisation_red_recipients (organisation_id, user_id) \
                 VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(&org.id)
            .bind(*user)
            .execute(&mut tx)
            .await?;
        }
        commit_with(tx, audit).await
    }

    async fn organisation(&self, id: &OrganisationId) -> StoreResult<Option<Organisation>> {
        Ok(organisations_where(self.db(), Some(id)).await?.pop())
    }

    async fn organisations(&self) -> StoreResult<Vec<Organisation>> {
        organisations_where(self.db(), None).await
    }

    async fn ingest_notifications(
        &self,
        organisation: &OrganisationId,
        batch: &[NewNotification],
        cap: usize,
        mut audit: AuditEvent,
    ) -> StoreResult<Vec<IngestOutcome>> {
        let mut tx = self.db().begin_write().await?;
        let backend = tx.backend();
        // The correlation lock first, so that nothing else stores or replaces a notification
        // between reading what is held and writing this batch.
        tx.lock_audit_chain().await?;
        // Each own id already held (usually none), with its id in Peel and its version.
        let mut held_before: HashMap<String, (NotificationId, Option<i64>)> = HashMap::new();
        for chunk in batch.chunks(rows_per_statement(1) - 1) {
            let sql = format!(
                "SELECT own_id, id, source_version FROM notifications \
                 WHERE organisation_id = {} AND own_id IN ({})",
                params(backend, 1, 1),
                params(backend, chunk.len(), 2)
            );
            let mut query = tx.query(sqlx::AssertSqlSafe(sql)).bind(organisation);
            for n in chunk {
                query = query.bind(&n.own_id);
            }
            for row in query.all(&mut tx).await? {
                let mut cols = row.cols("notifications");
                let own_id: String = cols.get()?;
                let id: NotificationId = cols.id()?;
                held_before.insert(own_id, (id, cols.get()?));
            }
        }
        // What becomes of each: stored anew, replacing the one held (a newer version, or the
        // one held has none), or a duplicate (as is any repeat of an own id within the batch).
        let mut in_batch = HashSet::new();
        let fates: Vec<Fate> = batch
            .iter()
            .map(|n| {
                if !in_batch.insert(n.own_id.as_str()) {
                    return Fate::Duplicate;
                }
                match held_before.get(&n.own_id) {
                    None => Fate::New,
                    Some((id, held)) => match (n.version, held) {
                        (Some(new), Some(held)) if new > *held => Fate::Replaces(*id),
                        (Some(_), None) => Fate::Replaces(*id),
                        _ => Fate::Duplicate,
                    },
                }
            })
            .collect();
        let replaced: Vec<ItemRef> = fates
            .iter()
            .filter_map(|f| match f {
                Fate::Replaces(id) => Some(ItemRef::Notification(*id)),
                _ => None,
            })
            .collect();
        let mut unlinked = 0_u64;
        if !replaced.is_empty() {
            // The copies held go with their links, before the mirror is taken (the epoch moves,
            // so it is rebuilt without them); the new versions are stored under the same ids
            // and linked again below as any new notification is.
            for chunk in replaced.chunks(rows_per_statement(2)) {
                let sql = format!(
                    "DELETE FROM item_links WHERE earlier_item IN ({}) OR later_item IN ({})",
                    params(backend, chunk.len(), 1),
                    params(backend, chunk.len(), chunk.len() + 1)
                );
                let mut query = tx.query(sqlx::AssertSqlSafe(sql));
                for item in chunk.iter().chain(chunk) {
                    query = query.bind(*item);
                }
                unlinked += query.execute(&mut tx).await?;
                let sql = format!(
                    "DELETE FROM notifications WHERE id IN ({})",
                    params(backend, chunk.len(), 1)
                );
                let mut query = tx.query(sqlx::AssertSqlSafe(sql));
                for item in chunk {
                    if let ItemRef::Notification(id) = item {
                        query = query.bind(*id);
                    }
                }
                query.execute(&mut tx).await?;
            }
            tx.query("UPDATE correlation_epoch SET epoch = epoch + 1 WHERE id = 1")
                .execute(&mut tx)
                .await?;
        }
        // The mirror is brought up to date before this batch's rows exist, so the batch links
        // only to what came before each notification.
        let mut held = hold_mirror(&mut tx, self.mirror()).await?;
        let replacements: Vec<NewNotification> = batch
            .iter()
            .zip(&fates)
            .filter_map(|(n, fate)| match fate {
                Fate::Replaces(id) => Some(NewNotification {
                    id: *id,
                    ..n.clone()
                }),
                _ => None,
            })
            .collect();
        let mut replacing = replacements.iter();
        let new: Vec<&NewNotification> = batch
            .iter()
            .zip(&fates)
            .filter_map(|(n, fate)| match fate {
                Fate::New => Some(n),
                Fate::Replaces(_) => replacing.next(),
                Fate::Duplicate => None,
            })
            .collect();
        let indicators = new
            .iter()
            .map(|n| indicators_json(n))
            .collect::<StoreResult<Vec<String>>>()?;
        let rows: Vec<(&NewNotification, &str, &str)> = new
            .iter()
            .zip(&indicators)
            .map(|(n, json)| {
                let found_in = n.indicators.first().map_or("", |i| i.found_in.as_str());
                (*n, json.as_str(), found_in)
            })
            .collect();
        insert_notification_rows(&mut tx, organisation, &rows).await?;
        let source = Source::Organisation(organisation.clone());
        let items: Vec<Item<'_>> = new
            .iter()
            .map(|n| Item {
                item: ItemRef::Notification(n.id),
                source: &source,
                marking: n.marking,
                at: n.received_at,
                indicators: &n.indicators,
                record_postings: false,
            })
            .collect();
        let (correlated, alerts) = correlate_held(&mut tx, &mut held, &items, cap).await?;
        let mut links = correlated.iter().zip(&items).map(|(c, item)| {
            // One marking per report or concern reached (two values shared with one report make
            // two links, carrying the same marking, but one match).
            let mut reports: Vec<(ItemRef, Marking)> = c
                .links
                .iter()
                .map(|link| (link.other(item.item), link.marking))
                .filter(|(other, _)| matches!(other, ItemRef::Submission(_)))
                .collect();
            reports.sort_unstable();
            reports.dedup_by_key(|(other, _)| *other);
            (c.links.len(), reports.into_iter().map(|(_, m)| m).collect())
        });
        let outcomes: Vec<IngestOutcome> = fates
            .iter()
            .map(|fate| {
                let mut made = || links.next().unwrap_or_default();
                match fate {
                    Fate::New => {
                        let (links, reports) = made();
                        IngestOutcome::Accepted { links, reports }
                    }
                    Fate::Replaces(_) => {
                        let (links, reports) = made();
                        IngestOutcome::Updated { links, reports }
                    }
                    Fate::Duplicate => IngestOutcome::Duplicate,
                }
            })
            .collect();
        let mut events = Vec::new();
        if !items.is_empty() {
            let mut collection = audit.clone();
            let stored = if replaced.is_empty() {
                format!("{} notifications stored", items.len())
            } else {
                format!(
                    "{} notifications stored, {} of them newer versions replacing those held \
                     ({unlinked} links of the old versions removed)",
                    items.len(),
                    replaced.len()
                )
            };
            collection.detail = if audit.detail.is_empty() {
                stored
            } else {
                format!("{}; {stored}", audit.detail)
            };
            events.push(collection);
        }
        let made: usize = correlated.iter().map(|c| c.links.len()).sum();
        if made > 0 {
            // Links among notifications are recorded in the links table, each with its time;
            // the batch's combination is one entry, and each alert on a report has its own
            // under the report as subject.
            audit.operation = Operation::Combination;
            audit.event = AuditCode::NotificationsLinked;
            audit.detail = format!(
                "{made} links made by {} notifications",
                correlated.iter().filter(|c| !c.links.is_empty()).count()
            );
            events.extend(alert_events(&alerts, &audit));
            events.push(audit);
        }
        commit_with(tx, events).await?;
        held.restore();
        Ok(outcomes)
    }

    async fn notifications(&self, ids: &[NotificationId]) -> StoreResult<Vec<NotificationRecord>> {
        let db = self.db();
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(rows_per_statement(1)) {
            let sql = format!(
                "SELECT id, organisation_id, own_id, kind, marking, received_at_us \
                 FROM notifications WHERE id IN ({})",
                params(db.backend(), chunk.len(), 1)
            );
            let mut query = db.query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.all(db).await? {
                let mut cols = row.cols("notifications");
                out.push(NotificationRecord {
                    id: cols.id()?,
                    organisation: cols.get()?,
                    own_id: cols.get()?,
                    kind: cols.get()?,
                    marking: cols.get()?,
                    received_at: cols.get()?,
                });
            }
        }
        Ok(out)
    }

    async fn notification_count(&self, organisation: &OrganisationId) -> StoreResult<i64> {
        let db = self.db();
        db.query("SELECT COUNT(*) FROM notifications WHERE organisation_id = $1")
            .bind(organisation)
            .one(db)
            .await?
            .first("notifications")
    }

    async fn notifications_sent(
        &self,
        organisation: &OrganisationId,
        after_seq: i64,
        limit: u32,
        matches_up_to: Option<Marking>,
    ) -> StoreResult<Vec<SentNotification>> {
        let db = self.db();
        let mut page = Vec::new();
        let mut ids = Vec::new();
        for row in db
            .query(
                "SELECT seq, id, own_id, kind, received_at_us, marking, pseudonymised_at_us \
                 FROM notifications WHERE organisation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            )
            .bind(organisation)
            .bind(after_seq)
            .bind(i64::from(limit))
            .all(db)
            .await?
        {
            let mut cols = row.cols("notifications");
            let seq: i64 = cols.get()?;
            let id: NotificationId = cols.id()?;
            ids.push(id);
            page.push(SentNotification {
                seq,
                own_id: cols.get()?,
                kind: cols.get()?,
                received_at: cols.get()?,
                marking: cols.get()?,
                pseudonymised_at: cols.get()?,
                matched_reports: None,
            });
        }
        let Some(up_to) = matches_up_to else {
            return Ok(page);
        };
        let allowed: Vec<Marking> = Marking::ALL.into_iter().filter(|m| *m <= up_to).collect();
        // Reports and concerns each links to, in either direction, each counted once: one
        // query for the page.
        let items = items(&ids);
        let mut matched: HashMap<ItemRef, i64> = HashMap::new();
        if !items.is_empty() {
            let list = |from: usize, n: usize| params(db.backend(), n, from);
            let (n, m) = (items.len(), allowed.len());
            let sql = format!(
                "SELECT item, COUNT(DISTINCT other) FROM ( \
                 SELECT later_item AS item, earlier_item AS other, marking FROM item_links \
                 WHERE later_item IN ({}) \
                 UNION ALL SELECT earlier_item AS item, later_item AS other, marking \
                 FROM item_links WHERE earlier_item IN ({})) AS linked \
                 WHERE other LIKE 'submission:%' AND marking IN ({}) GROUP BY item",
                list(1, n),
                list(n + 1, n),
                list(2 * n + 1, m)
            );
            let mut query = db.query(sqlx::AssertSqlSafe(sql));
            for item in items.iter().chain(&items) {
                query = query.bind(*item);
            }
            for marking in &allowed {
                query = query.bind(*marking);
            }
            for row in query.all(db).await? {
                let mut cols = row.cols("item_links");
                let item: ItemRef = cols.id()?;
                matched.insert(item, cols.get()?);
            }
        }
        for (sent, item) in page.iter_mut().zip(&items) {
            sent.matched_reports = Some(matched.get(item).copied().unwrap_or(0));
        }
        Ok(page)
    }

    async fn retention_rules(
        &self,
        organisation: &OrganisationId,
    ) -> StoreResult<Vec<(Covers, Retention)>> {
        let db = self.db();
        db.query(
            "SELECT kind, keep_days, pseudonymise_days FROM notification_retention \
             WHERE organisation_id = $1 ORDER BY kind",
        )
        .bind(organisation)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("notification_retention");
            let covers: Covers = cols.get()?;
            Ok((
                covers,
                Retention {
                    keep_days: cols.get()?,
                    pseudonymise_days: cols.get()?,
                },
            ))
        })
        .collect()
    }

    async fn set_retention(
        &self,
        organisation: &OrganisationId,
        covers: Covers,
        rule: Retention,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO notification_retention (organisation_id, kind, keep_days, \
             pseudonymise_days) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (organisation_id, kind) DO UPDATE SET \
             keep_days = excluded.keep_days, pseudonymise_days = excluded.pseudonymise_days",
        )
        .bind(organisation)
        .bind(covers)
        .bind(rule.keep_days)
        .bind(rule.pseudonymise_days)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn notification_kinds(
        &self,
        organisation: &OrganisationId,
    ) -> StoreResult<Vec<NotificationType>> {
        let db = self.db();
        db.query("SELECT DISTINCT kind FROM notifications WHERE organisation_id = $1 ORDER BY kind")
            .bind(organisation)
            .all(db)
            .await?
            .iter()
            .map(|row| row.first("notifications"))
            .collect()
    }

    async fn apply_retention(
        &self,
        organisation: &OrganisationId,
        kind: NotificationType,
        erase_before: OffsetDateTime,
        pseudonymise_before: OffsetDateTime,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<RetentionOutcome> {
        let mut tx = self.db().begin_write().await?;
        tx.lock_audit_chain().await?;
        let backend = tx.backend();
        let placeholders = |n: usize, from: usize| params(backend, n, from);
        // Erased: the notifications and every link to or from them.
        let old: Vec<ItemRef> = tx
            .query(
                "SELECT id FROM notifications WHERE organisation_id = $1 AND kind = $2 \
                 AND received_at_us < $3",
            )
            .bind(organisation)
            .bind(kind)
            .bind(erase_before)
            .all(&mut tx)
            .await?
            .iter()
            .map(|row| {
                row.first::<NotificationId>("notifications")
                    .map(ItemRef::Notification)
            })
            .collect::<StoreResult<_>>()?;
        for chunk in old.chunks(rows_per_statement(2)) {
            let sql = format!(
                "DELETE FROM item_links WHERE earlier_item IN ({}) OR later_item IN ({})",
                placeholders(chunk.len(), 1),
                placeholders(chunk.len(), chunk.len() + 1)
            );
            let mut query = tx.query(sqlx::AssertSqlSafe(sql));
            for item in chunk.iter().chain(chunk) {
                query = query.bind(*item);
            }
            query.execute(&mut tx).await?;
        }
        let erased = tx
            .query(
                "DELETE FROM notifications WHERE organisation_id = $1 AND kind = $2 \
                 AND received_at_us < $3",
            )
            .bind(organisation)
            .bind(kind)
            .bind(erase_before)
            .execute(&mut tx)
            .await?;
        // Pseudonymised: the older ones that link to nothing.
        let candidates: Vec<NotificationId> = tx
            .query(
                "SELECT id FROM notifications WHERE organisation_id = $1 AND kind = $2 \
                 AND received_at_us < $3 AND pseudonymised_at_us IS NULL",
            )
            .bind(organisation)
            .bind(kind)
            .bind(pseudonymise_before)
            .all(&mut tx)
            .await?
            .iter()
            .map(|row| row.first("notifications"))
            .collect::<StoreResult<_>>()?;
        let mut pseudonymised = 0_u64;
        for chunk in candidates.chunks(rows_per_statement(2)) {
            let names = items(chunk);
            let sql = format!(
                "SELECT earlier_item FROM item_links WHERE earlier_item IN ({}) \
                 UNION SELECT later_item FROM item_links WHERE later_item IN ({})",
                placeholders(names.len(), 1),
                placeholders(names.len(), names.len() + 1)
            );
            let mut query = tx.query(sqlx::AssertSqlSafe(sql));
            for name in names.iter().chain(&names) {
                query = query.bind(*name);
            }
            let linked: HashSet<ItemRef> = query
                .all(&mut tx)
                .await?
                .iter()
                .map(|row| row.first("item_links"))
                .collect::<StoreResult<_>>()?;
            let unlinked: Vec<NotificationId> = chunk
                .iter()
                .filter(|id| !linked.contains(&ItemRef::Notification(**id)))
                .copied()
                .collect();
            if unlinked.is_empty() {
                continue;
            }
            let sql = format!(
                "UPDATE notifications SET body = '', indicators = '[]', postcode = NULL, \
                 victim_age_band = NULL, pseudonymised_at_us = {} WHERE id IN ({})",
                placeholders(1, 1),
                placeholders(unlinked.len(), 2)
            );
            let mut query = tx.query(sqlx::AssertSqlSafe(sql)).bind(now);
            for id in &unlinked {
                query = query.bind(*id);
            }
            pseudonymised += query.execute(&mut tx).await?;
        }
        let mut events = Vec::new();
        if erased > 0 {
            let mut event = audit.clone();
            event.detail = format!(
                "{erased} {kind} notifications from {organisation} erased with their links: \
                 held past their retention"
            );
            events.push(event);
        }
        if pseudonymised > 0 {
            let mut event = audit;
            event.event = AuditCode::NotificationsPseudonymised;
            event.operation = AuditCode::NotificationsPseudonymised.operation();
            event.detail = format!(
                "{pseudonymised} {kind} notifications from {organisation} that link to nothing \
                 pseudonymised: text, indicators, postcode and victim details removed"
            );
            events.push(event);
        }
        if !events.is_empty() {
            // Every store's mirror of the value index forgets what was removed.
            tx.query("UPDATE correlation_epoch SET epoch = epoch + 1 WHERE id = 1")
                .execute(&mut tx)
                .await?;
        }
        commit_with(tx, events).await?;
        Ok(RetentionOutcome {
            erased,
            pseudonymised,
        })
    }
}
