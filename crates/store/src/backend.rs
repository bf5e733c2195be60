//! The store's queries, written once and expanded for each backend.
//!
//! Both SQLite and PostgreSQL accept `$N` parameters, `RETURNING`, `ON CONFLICT` and the column
//! types used here (times are integer microseconds everywhere), so one body of SQL serves both.
//! What differs (how a write transaction begins, how the audit chain is locked, migrations) is
//! passed in by each backend's module. The macro is used because sqlx's executor traits do not
//! make a readable generic function; the contract suite checks both expansions.

macro_rules! impl_store {
    ($store:ty, $db:ty, $backend:expr) => {
        use peel_core::audit::{seal, AuditEvent, GENESIS};
        use peel_core::clock::to_unix_micros;
        use sqlx::Transaction;
        use time::OffsetDateTime;
        use uuid::Uuid;

        use crate::rows::{
            DashRow,
            parse_hash, NoteRow, SubmissionRow,
            SUBMISSION_COLUMNS,
        };
        use crate::{
            Backend, CreateOutcome, DashRecord, Idempotency, Note, QueueFilter, Store, StoreError, StoreResult,
            SubmissionRecord,
        };
        use peel_core::SubmissionId;

        type Tx = Transaction<'static, $db>;

        /// Appends audit events inside a transaction, continuing the hash chain from the head.
        async fn append_in(tx: &mut Tx, events: Vec<AuditEvent>) -> StoreResult<()> {
            lock_audit_chain(tx).await?;
            let head: Option<(i64, String)> =
                sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .fetch_optional(&mut **tx)
                    .await?;
            let (mut seq, mut prev) = match head {
                Some((seq, hash)) => (seq, parse_hash(&hash, seq)?),
                None => (0, GENESIS),
            };
            for event in events {
                seq += 1;
                let entry = seal(seq, prev, event);
                sqlx::query(
                    "INSERT INTO audit_log (seq, at_us, actor, actor_label, operation, event, \
                     subject, justification, recipient, detail, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(entry.seq)
                .bind(to_unix_micros(entry.event.at))
                .bind(&entry.event.actor)
                .bind(&entry.event.actor_label)
                .bind(entry.event.operation.slug())
                .bind(entry.event.event.as_str())
                .bind(&entry.event.subject)
                .bind(&entry.event.justification)
                .bind(&entry.event.recipient)
                .bind(&entry.event.detail)
                .bind(hex::encode(entry.prev_hash))
                .bind(hex::encode(entry.hash))
                .execute(&mut **tx)
                .await?;
                prev = entry.hash;
            }
            sqlx::query(
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
                 ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            )
            .bind(seq)
            .bind(hex::encode(prev))
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// Appends the audit events and commits: the one way a write transaction ends, so no
        /// change is committed without its audit entries.
        async fn commit_with(mut tx: Tx, events: Vec<AuditEvent>) -> StoreResult<()> {
            append_in(&mut tx, events).await?;
            tx.commit().await?;
            Ok(())
        }

        const ORGANISATION_COLUMNS: &str = "id, name, sector, contact, agreement, allowed_types, \
            default_marking, rate_per_minute, created_at_us, red_recipients";

        type OrganisationRow = (String, String, String, String, String, String, String, i64, i64, String);

        fn organisation_from_row(
            (id, name, sector, contact, agreement, types, marking, rate, at, red): OrganisationRow,
        ) -> StoreResult<crate::Organisation> {
        Ok(crate::Organisation {
            default_marking: parse_marking(&marking)?,
            id,
            name,
            sector,
            contact,
            agreement,
            allowed_types: types
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            rate_per_minute: rate,
            red_recipients: red
                .split(',')
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect(),
            created_at: peel_core::clock::from_unix_micros(at),
        })
        }

        const ALERT_COLUMNS: &str = "id, item, organisation_id, notification, notifications, \
            marking, kind, value, status, raised_at_us, updated_at_us, handled_by, handled_at_us";

        type AlertRow = (
            i64, String, String, String, i64, String, String, String, String, i64, i64,
            Option<String>, Option<i64>,
        );

        fn alert_from_row(
            (id, item, organisation_id, notification, notifications, marking, kind, value, status,
             raised, updated, by, handled): AlertRow,
        ) -> StoreResult<crate::AlertRecord> {
            Ok(crate::AlertRecord {
                id,
                item,
                organisation_id,
                notification,
                notifications,
                marking: parse_marking(&marking)?,
                kind: parse_kind(&kind)?,
                value,
                status: crate::AlertStatus::from_slug(&status)
                    .ok_or_else(|| StoreError::corrupt(format!("unknown alert status {status}")))?,
                raised_at: peel_core::clock::from_unix_micros(raised),
                updated_at: peel_core::clock::from_unix_micros(updated),
                handled: by.zip(handled.map(peel_core::clock::from_unix_micros)),
            })
        }

        /// Inserts notifications, many rows to a statement: each with its indicators as JSON
        /// and where they were found.
        async fn insert_notification_rows(
            tx: &mut Tx,
            organisation_id: &str,
            rows: &[(&crate::NewNotification, &str, &str)],
        ) -> StoreResult<()> {
            for chunk in rows.chunks(crate::bulk::rows_per_statement(15)) {
                let sql = crate::bulk::values_sql(
                    $backend,
                    "INSERT INTO notifications (id, organisation_id, own_id, kind, \
                     occurred_at_us, received_at_us, postcode, online, amount_minor, currency, \
                     victim_age_band, body, marking, indicators, found_in)",
                    15,
                    chunk.len(),
                    "",
                );
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (n, json, found_in) in chunk {
                    query = query
                        .bind(n.id)
                        .bind(organisation_id)
                        .bind(&n.own_id)
                        .bind(&n.kind)
                        .bind(to_unix_micros(n.occurred_at))
                        .bind(to_unix_micros(n.received_at))
                        .bind(n.postcode.as_deref())
                        .bind(n.online)
                        .bind(n.amount.as_ref().map(|a| a.0))
                        .bind(n.amount.as_ref().map(|a| a.1.as_str()))
                        .bind(n.victim_age_band.as_deref())
                        .bind(&n.body)
                        .bind(n.marking.label())
                        .bind(*json)
                        .bind(*found_in);
                }
                query.execute(&mut **tx).await?;
            }
            Ok(())
        }

        /// Correlates an item inside a write transaction (see `Store::correlate`); the mirror
        /// comes back to be restored once the transaction commits.
        async fn correlate_in<'m>(
            tx: &mut Tx,
            slot: &'m crate::correlation::MirrorSlot,
            item: &crate::ItemIndicators,
            cap: usize,
        ) -> StoreResult<(crate::Correlated, Vec<crate::AlertChange>, crate::correlation::Held<'m>)> {
            let mut held = hold_mirror(tx, slot).await?;
            let one = [crate::correlation::Item {
                item: &item.item,
                source: &item.source,
                marking: item.marking,
                at: item.at,
                indicators: &item.indicators,
                record_postings: true,
            }];
            let (mut correlated, alerts) = correlate_held(tx, &mut held, &one, cap).await?;
            Ok((correlated.pop().unwrap_or_default(), alerts, held))
        }

        /// Takes the correlation lock for the rest of the transaction (on PostgreSQL the audit
        /// chain's lock, held to commit; SQLite has one writer) and the mirror, brought up to
        /// date with every row added since it last read (or rebuilt, when the epoch moved).
        async fn hold_mirror<'m>(
            tx: &mut Tx,
            slot: &'m crate::correlation::MirrorSlot,
        ) -> StoreResult<crate::correlation::Held<'m>> {
            use crate::correlation::{Latest, Mirror};
            const PAGE: i64 = 50_000;
            lock_audit_chain(tx).await?;
            let mut held = crate::correlation::Held::take(slot).await;
            let (epoch,): (i64,) =
                sqlx::query_as("SELECT epoch FROM correlation_epoch WHERE id = 1")
                    .fetch_one(&mut **tx)
                    .await?;
            let (mut mirror, rebuilt) = match held.mirror.take() {
                Some(mirror) if mirror.epoch == epoch => (mirror, false),
                _ => (Mirror::new(epoch), true),
            };
            loop {
                let rows: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT seq, kind, value FROM common_values WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(mirror.common_seq)
                .bind(PAGE)
                .fetch_all(&mut **tx)
                .await?;
                let Some(last) = rows.last().map(|r| r.0) else { break };
                for (_, kind, value) in rows {
                    mirror.mark_common(parse_kind(&kind)?, &value);
                }
                mirror.common_seq = last;
            }
            loop {
                let rows: Vec<(i64, String, String, String, String, String, String, i64)> =
                    sqlx::query_as(
                        "SELECT seq, kind, value, item, source, marking, found_in, seen_at_us \
                         FROM indicator_postings WHERE seq > $1 ORDER BY seq LIMIT $2",
                    )
                    .bind(mirror.postings_seq)
                    .bind(PAGE)
                    .fetch_all(&mut **tx)
                    .await?;
                let Some(last) = rows.last().map(|r| r.0) else { break };
                for (_, kind, value, item, source, marking, found_in, at) in rows {
                    let latest = Latest {
                        source: mirror.intern(&source),
                        item: item.into(),
                        marking: parse_marking(&marking)?,
                        found_in: mirror.intern(&found_in),
                        at: peel_core::clock::from_unix_micros(at),
                    };
                    mirror.post(parse_kind(&kind)?, &value, latest);
                }
                mirror.postings_seq = last;
            }
            loop {
                let rows: Vec<(i64, Uuid, String, String, String, i64, String)> = sqlx::query_as(
                    "SELECT seq, id, organisation_id, marking, found_in, received_at_us, \
                     indicators FROM notifications WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(mirror.notifications_seq)
                .bind(PAGE)
                .fetch_all(&mut **tx)
                .await?;
                let Some(last) = rows.last().map(|r| r.0) else { break };
                for (_, id, organisation, marking, found_in, at, indicators) in rows {
                    let item: std::sync::Arc<str> = format!("notification:{id}").into();
                    let source = mirror.intern(&format!(
                        "{}{organisation}",
                        crate::correlation::ORGANISATION_SOURCE
                    ));
                    let found_in = mirror.intern(&found_in);
                    let marking = parse_marking(&marking)?;
                    let values: Vec<(String, String)> = serde_json::from_str(&indicators)
                        .map_err(|e| StoreError::corrupt(format!("notification {id}: {e}")))?;
                    for (kind, value) in values {
                        let latest = Latest {
                            source: source.clone(),
                            item: item.clone(),
                            marking,
                            found_in: found_in.clone(),
                            at: peel_core::clock::from_unix_micros(at),
                        };
                        mirror.post(parse_kind(&kind)?, &value, latest);
                    }
                }
                mirror.notifications_seq = last;
            }
            if rebuilt {
                tracing::info!(values = mirror.len(), epoch, "correlation mirror built from the store");
            }
            held.mirror = Some(mirror);
            Ok(held)
        }

        /// Correlates a batch of items, in order, inside a write transaction holding the
        /// mirror: the rule is applied in memory (`crate::correlation::plan`) and postings,
        /// links, common values and alerts are written with multi-row statements.
        async fn correlate_held(
            tx: &mut Tx,
            held: &mut crate::correlation::Held<'_>,
            items: &[crate::correlation::Item<'_>],
            cap: usize,
        ) -> StoreResult<(Vec<crate::Correlated>, Vec<crate::AlertChange>)> {
            use crate::bulk::{rows_per_statement, values_sql};
            let Some(mirror) = held.mirror.as_mut() else {
                return Err(StoreError::corrupt("the correlation mirror is not held"));
            };
            let plan = crate::correlation::plan(items, mirror, cap);

            for chunk in plan.postings.chunks(rows_per_statement(7)) {
                let sql = values_sql(
                    $backend,
                    "INSERT INTO indicator_postings (kind, value, item, source, marking, \
                     found_in, seen_at_us)",
                    7,
                    chunk.len(),
                    "ON CONFLICT DO NOTHING",
                );
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for p in chunk {
                    query = query
                        .bind(p.kind.slug())
                        .bind(p.value)
                        .bind(p.item)
                        .bind(p.source)
                        .bind(p.marking.label())
                        .bind(p.found_in)
                        .bind(to_unix_micros(p.at));
                }
                query.execute(&mut **tx).await?;
            }
            let links: Vec<&crate::LinkRecord> =
                plan.correlated.iter().flat_map(|c| &c.links).collect();
            for chunk in links.chunks(rows_per_statement(8)) {
                let sql = values_sql(
                    $backend,
                    "INSERT INTO item_links (earlier_item, later_item, kind, value, marking, \
                     earlier_found_in, later_found_in, created_at_us)",
                    8,
                    chunk.len(),
                    "ON CONFLICT DO NOTHING",
                );
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for link in chunk {
                    query = query
                        .bind(&link.earlier)
                        .bind(&link.later)
                        .bind(link.kind.slug())
                        .bind(&link.value)
                        .bind(link.marking.label())
                        .bind(&link.earlier_found_in)
                        .bind(&link.later_found_in)
                        .bind(to_unix_micros(link.created_at));
                }
                query.execute(&mut **tx).await?;
            }
            for chunk in plan.newly_common.chunks(rows_per_statement(4)) {
                let sql = values_sql(
                    $backend,
                    "INSERT INTO common_values (kind, value, sources, marked_at_us)",
                    4,
                    chunk.len(),
                    "ON CONFLICT DO NOTHING",
                );
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for c in chunk {
                    query = query
                        .bind(c.kind.slug())
                        .bind(&c.value)
                        .bind(i64::try_from(c.sources).unwrap_or(i64::MAX))
                        .bind(to_unix_micros(c.at));
                }
                query.execute(&mut **tx).await?;
            }
            for chunk in plan.alerts.chunks(rows_per_statement(11)) {
                let sql = values_sql(
                    $backend,
                    "INSERT INTO alerts (item, organisation_id, notification, notifications, \
                     marking, marking_rank, kind, value, status, raised_at_us, updated_at_us)",
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
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for alert in chunk {
                    query = query
                        .bind(&alert.item)
                        .bind(&alert.organisation_id)
                        .bind(&alert.notification)
                        .bind(i64::try_from(alert.notifications).unwrap_or(i64::MAX))
                        .bind(alert.marking.label())
                        .bind(alert.marking as i64)
                        .bind(alert.kind.slug())
                        .bind(&alert.value)
                        .bind(crate::AlertStatus::Open.slug())
                        .bind(to_unix_micros(alert.at))
                        .bind(to_unix_micros(alert.at));
                }
                query.execute(&mut **tx).await?;
            }
            // Everything added since the mirror was brought up to date is this transaction's
            // own, already in the mirror: it moves past it.
            let (postings, notifications, common): (i64, i64, i64) = sqlx::query_as(
                "SELECT (SELECT COALESCE(MAX(seq), 0) FROM indicator_postings), \
                 (SELECT COALESCE(MAX(seq), 0) FROM notifications), \
                 (SELECT COALESCE(MAX(seq), 0) FROM common_values)",
            )
            .fetch_one(&mut **tx)
            .await?;
            mirror.postings_seq = postings;
            mirror.notifications_seq = notifications;
            mirror.common_seq = common;
            Ok((plan.correlated, plan.alerts))
        }









        fn parse_kind(kind: &str) -> StoreResult<peel_link::Kind> {
            peel_link::Kind::from_slug(kind)
                .ok_or_else(|| StoreError::corrupt(format!("unknown indicator kind {kind}")))
        }

        fn parse_marking(marking: &str) -> StoreResult<peel_core::Marking> {
            peel_core::Marking::parse(marking)
                .ok_or_else(|| StoreError::corrupt(format!("unknown marking {marking}")))
        }

        /// One combination audit entry per alert raised or added to, with the report or
        /// concern as its subject, so an auditor asking what was combined with a person's
        /// report finds it.
        fn alert_events(alerts: &[crate::AlertChange], template: &AuditEvent) -> Vec<AuditEvent> {
            alerts
                .iter()
                .map(|alert| {
                    let mut event = template.clone();
                    event.operation = peel_core::audit::Operation::Combination;
                    event.event = peel_core::audit::AuditCode::AlertRaised;
                    event.subject = alert.item.clone();
                    event.detail = format!(
                        "{} notification(s) from organisation {} share the {} {}; latest {}",
                        alert.notifications,
                        alert.organisation_id,
                        alert.kind.label(),
                        alert.value,
                        alert.notification
                    );
                    event
                })
                .collect()
        }

        /// The combination audit entry for the links made, if any.
        fn link_event(
            item: &crate::ItemIndicators,
            correlated: &crate::Correlated,
            mut audit: AuditEvent,
        ) -> Option<AuditEvent> {
            if correlated.links.is_empty() {
                return None;
            }
            let mut others: Vec<&str> =
                correlated.links.iter().map(|l| l.other(&item.item)).collect();
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



        /// Inserts the submission row alone (shared by the store and the benchmark baseline).
        pub(crate) async fn insert_submission_row(
            tx: &mut Tx,
            submission: &SubmissionRecord,
        ) -> StoreResult<()> {
        let s = submission;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO submissions ({SUBMISSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, \
             $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, \
             $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38)"
        )))
        .bind(s.id.0)
        .bind(&s.reference)
        .bind(&s.status_token_digest)
        .bind(&s.channel)
        .bind(to_unix_micros(s.received_at))
        .bind(&s.category)
        .bind(&s.description)
        .bind(to_unix_micros(s.occurred_at))
        .bind(&s.location_kind)
        .bind(&s.postcode)
        .bind(s.latitude)
        .bind(s.longitude)
        .bind(&s.address_line)
        .bind(&s.reporter_role)
        .bind(s.anonymous)
        .bind(&s.contact_name)
        .bind(&s.contact_email)
        .bind(&s.contact_phone)
        .bind(&s.safe_contact)
        .bind(&s.language)
        .bind(&s.ward_code)
        .bind(&s.team_id)
        .bind(&s.routing_reason)
        .bind(&s.stage)
        .bind(s.enhanced_rights)
        .bind(s.next_update_due.map(to_unix_micros))
        .bind(s.first_contact_at.map(to_unix_micros))
        .bind(&s.first_contact_channel)
        .bind(&s.first_contact_by)
        .bind(to_unix_micros(s.updated_at))
        .bind(&s.grade)
        .bind(s.first_contact_due.map(to_unix_micros))
        .bind(s.harm_days)
        .bind(&s.triage_reasons)
        .bind(&s.grade_override)
        .bind(&s.override_reason)
        .bind(&s.override_by)
        .bind(s.override_at.map(to_unix_micros))
        .execute(&mut **tx)
        .await?;
            Ok(())
        }

        async fn insert_note(tx: &mut Tx, note: &Note) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO submission_notes (id, submission_id, at_us, author, kind, body) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(note.id)
            .bind(note.submission_id.0)
            .bind(to_unix_micros(note.at))
            .bind(&note.author)
            .bind(&note.kind)
            .bind(&note.body)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }



        impl $store {
            /// Benchmark baseline: notifications' rows inserted in one transaction, with no check for
            /// duplicates, no correlation and no audit entry.
            pub async fn insert_notifications_plain(
                &self,
                organisation_id: &str,
                batch: &[crate::NewNotification],
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                let rows: Vec<_> = batch.iter().map(|n| (n, "[]", "")).collect();
                insert_notification_rows(&mut tx, organisation_id, &rows).await?;
                tx.commit().await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl Store for $store {
            fn backend(&self) -> Backend {
                $backend
            }

            async fn schema_version(&self) -> StoreResult<i64> {
                let (version,): (Option<i64>,) =
                    sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                        .fetch_one(&self.pool)
                        .await?;
                Ok(version.unwrap_or(0))
            }































            async fn create_linked_submission(
                &self,
                submission: &SubmissionRecord,
                idempotency: Option<&Idempotency>,
                audit: AuditEvent,
                linking: Option<crate::Linking>,
            ) -> StoreResult<(CreateOutcome, crate::Correlated)> {
                let mut tx = begin_write(&self.pool).await?;
                if let Some(idempotency) = idempotency {
                    let earlier: Option<(String, String)> = sqlx::query_as(
                        "SELECT request_digest, response FROM idempotency_keys \
                         WHERE scope = $1 AND idempotency_key = $2",
                    )
                    .bind(&idempotency.scope)
                    .bind(&idempotency.key)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if let Some((digest, response)) = earlier {
                        if digest != idempotency.request_digest {
                            return Err(StoreError::Conflict(crate::Conflict::IdempotencyKey));
                        }
                        return Ok((CreateOutcome::Replayed(response), crate::Correlated::default()));
                    }
                }
                insert_submission_row(&mut tx, submission).await?;
                if let Some(idempotency) = idempotency {
                    sqlx::query(
                        "INSERT INTO idempotency_keys (scope, idempotency_key, request_digest, \
                         submission_id, response, created_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&idempotency.scope)
                    .bind(&idempotency.key)
                    .bind(&idempotency.request_digest)
                    .bind(submission.id.0)
                    .bind(&idempotency.response)
                    .bind(to_unix_micros(submission.received_at))
                    .execute(&mut *tx)
                    .await?;
                }
                let mut events = vec![audit];
                let mut correlated = crate::Correlated::default();
                if let Some(linking) = linking {
                    let (links, alerts, held) = correlate_in(
                        &mut tx,
                        &self.correlation,
                        &linking.indicators,
                        linking.cap,
                    )
                    .await?;
                    correlated = links;
                    events.extend(alert_events(&alerts, &linking.audit));
                    events.extend(link_event(&linking.indicators, &correlated, linking.audit));
                    commit_with(tx, events).await?;
                    held.restore();
                    return Ok((CreateOutcome::Created, correlated));
                }
                commit_with(tx, events).await?;
                Ok((CreateOutcome::Created, correlated))
            }

            async fn idempotent_response(
                &self,
                scope: &str,
                key: &str,
            ) -> StoreResult<Option<(String, String)>> {
                Ok(sqlx::query_as(
                    "SELECT request_digest, response FROM idempotency_keys \
                     WHERE scope = $1 AND idempotency_key = $2",
                )
                .bind(scope)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn override_grade(
                &self,
                id: SubmissionId,
                grade: &str,
                first_contact_due: OffsetDateTime,
                reason: &str,
                by: &str,
                at: OffsetDateTime,
                audit: AuditEvent,
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                let done = sqlx::query(
                    "UPDATE submissions SET grade_override = $2, first_contact_due_us = $3, \
                     override_reason = $4, override_by = $5, override_at_us = $6, updated_at_us = $6 \
                     WHERE id = $1",
                )
                .bind(id.0)
                .bind(grade)
                .bind(to_unix_micros(first_contact_due))
                .bind(reason)
                .bind(by)
                .bind(to_unix_micros(at))
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                commit_with(tx, vec![audit]).await?;
                Ok(())
            }

            async fn overdue_first_contacts(
                &self,
                now: OffsetDateTime,
                team_id: Option<&str>,
            ) -> StoreResult<Vec<SubmissionRecord>> {
                let rows: Vec<SubmissionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE first_contact_at_us IS NULL \
                     AND first_contact_due_us IS NOT NULL AND first_contact_due_us < $1 \
                     AND stage <> 'closed' AND ($2 IS NULL OR team_id = $2) \
                     ORDER BY first_contact_due_us LIMIT 500"
                )))
                .bind(to_unix_micros(now))
                .bind(team_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(SubmissionRecord::from).collect())
            }

            async fn override_counts(
                &self,
                since: OffsetDateTime,
            ) -> StoreResult<Vec<(String, String, String, i64)>> {
                Ok(sqlx::query_as(
                    "SELECT COALESCE(grade, ''), grade_override, category, COUNT(*) FROM submissions \
                     WHERE grade_override IS NOT NULL AND override_at_us >= $1 \
                     GROUP BY COALESCE(grade, ''), grade_override, category \
                     ORDER BY COUNT(*) DESC, category",
                )
                .bind(to_unix_micros(since))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn retriage(
                &self,
                id: SubmissionId,
                grade: &str,
                first_contact_due: OffsetDateTime,
                reasons: &str,
                audit: AuditEvent,
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                let done = sqlx::query(
                    "UPDATE submissions SET grade = $2, first_contact_due_us = \
                     CASE WHEN grade_override IS NULL THEN $3 ELSE first_contact_due_us END, \
                     triage_reasons = $4 WHERE id = $1",
                )
                .bind(id.0)
                .bind(grade)
                .bind(to_unix_micros(first_contact_due))
                .bind(reasons)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                commit_with(tx, vec![audit]).await?;
                Ok(())
            }

            async fn save_dash(
                &self,
                record: &DashRecord,
                referral_task: Option<&Note>,
                audit: AuditEvent,
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                sqlx::query(
                    "INSERT INTO dash_assessments (id, submission_id, checklist_version, answers, \
                     judgement_level, judgement_reason, yes_count, level, marac_referral, reasons, \
                     assessed_by, assessed_at_us) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(record.id)
                .bind(record.submission_id.0)
                .bind(&record.checklist_version)
                .bind(&record.answers)
                .bind(&record.judgement_level)
                .bind(&record.judgement_reason)
                .bind(record.yes_count)
                .bind(&record.level)
                .bind(record.marac_referral)
                .bind(&record.reasons)
                .bind(&record.assessed_by)
                .bind(to_unix_micros(record.assessed_at))
                .execute(&mut *tx)
                .await?;
                if let Some(note) = referral_task {
                    insert_note(&mut tx, note).await?;
                }
                commit_with(tx, vec![audit]).await?;
                Ok(())
            }

            async fn dash_assessments(&self, id: SubmissionId) -> StoreResult<Vec<DashRecord>> {
                let rows: Vec<DashRow> = sqlx::query_as(
                    "SELECT id, submission_id, checklist_version, answers, judgement_level, \
                     judgement_reason, yes_count, level, marac_referral, reasons, assessed_by, \
                     assessed_at_us FROM dash_assessments WHERE submission_id = $1 \
                     ORDER BY assessed_at_us DESC",
                )
                .bind(id.0)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(DashRecord::from).collect())
            }

            async fn dash_history(
                &self,
                email: Option<&str>,
                phone: Option<&str>,
                since: OffsetDateTime,
            ) -> StoreResult<(u32, bool)> {
                if email.is_none() && phone.is_none() {
                    return Ok((0, false));
                }
                let (incidents,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM ( \
                     SELECT id FROM submissions WHERE contact_email = $1 \
                     AND category = 'domestic-abuse' AND received_at_us >= $3 \
                     UNION SELECT id FROM submissions WHERE contact_phone = $2 \
                     AND category = 'domestic-abuse' AND received_at_us >= $3) AS matched",
                )
                .bind(email)
                .bind(phone)
                .bind(to_unix_micros(since))
                .fetch_one(&self.pool)
                .await?;
                let (referrals,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM dash_assessments d JOIN submissions s \
                     ON d.submission_id = s.id WHERE d.marac_referral = $4 \
                     AND d.assessed_at_us >= $3 AND (($1 IS NOT NULL AND s.contact_email = $1) \
                     OR ($2 IS NOT NULL AND s.contact_phone = $2))",
                )
                .bind(email)
                .bind(phone)
                .bind(to_unix_micros(since))
                .bind(true)
                .fetch_one(&self.pool)
                .await?;
                Ok((u32::try_from(incidents).unwrap_or(u32::MAX), referrals > 0))
            }

            async fn earlier_reports(
                &self,
                email: Option<&str>,
                phone: Option<&str>,
                address_line: Option<&str>,
                since: OffsetDateTime,
            ) -> StoreResult<u32> {
                if email.is_none() && phone.is_none() && address_line.is_none() {
                    return Ok(0);
                }
                // Three indexed lookups; UNION counts a report matching twice once.
                let (count,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM ( \
                     SELECT id FROM submissions WHERE contact_email = $1 AND received_at_us >= $4 \
                     UNION SELECT id FROM submissions WHERE contact_phone = $2 AND received_at_us >= $4 \
                     UNION SELECT id FROM submissions \
                     WHERE lower(address_line) = lower($3) AND received_at_us >= $4) AS matched",
                )
                .bind(email)
                .bind(phone)
                .bind(address_line)
                .bind(to_unix_micros(since))
                .fetch_one(&self.pool)
                .await?;
                Ok(u32::try_from(count).unwrap_or(u32::MAX))
            }

            async fn submission_by_reference(
                &self,
                reference: &str,
            ) -> StoreResult<Option<SubmissionRecord>> {
                let row: Option<SubmissionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE reference = $1"
                )))
                .bind(reference)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(SubmissionRecord::from))
            }

            async fn submission(&self, id: SubmissionId) -> StoreResult<Option<SubmissionRecord>> {
                let row: Option<SubmissionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE id = $1"
                )))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(SubmissionRecord::from))
            }

            async fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<SubmissionRecord>> {
                let rows: Vec<SubmissionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE team_id = $1 \
                     AND ($2 IS NULL OR stage = $2) AND ($3 IS NULL OR category = $3) \
                     AND ($4 IS NULL OR received_at_us >= $4) \
                     ORDER BY CASE WHEN next_update_due_us IS NOT NULL AND next_update_due_us < $5 \
                     AND stage <> 'closed' THEN 0 ELSE 1 END, \
                     CASE COALESCE(grade_override, grade) WHEN 'I' THEN 0 WHEN 'S' THEN 1 WHEN 'E' THEN 2 WHEN 'R' THEN 3 \
                     ELSE 4 END, first_contact_due_us IS NULL, first_contact_due_us, \
                     COALESCE(harm_days, 0) DESC, received_at_us DESC LIMIT $6"
                )))
                .bind(&filter.team_id)
                .bind(filter.stage.as_deref())
                .bind(filter.category.as_deref())
                .bind(filter.received_after.map(to_unix_micros))
                .bind(to_unix_micros(filter.now))
                .bind(i64::from(filter.limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(SubmissionRecord::from).collect())
            }

            async fn record_first_contact(
                &self,
                id: SubmissionId,
                at: OffsetDateTime,
                channel: &str,
                by: &str,
                audit: AuditEvent,
            ) -> StoreResult<bool> {
                let mut tx = begin_write(&self.pool).await?;
                let done = sqlx::query(
                    "UPDATE submissions SET first_contact_at_us = $2, first_contact_channel = $3, \
                     first_contact_by = $4, stage = CASE WHEN stage = 'new' THEN 'contacted' \
                     ELSE stage END, updated_at_us = $2 \
                     WHERE id = $1 AND first_contact_at_us IS NULL",
                )
                .bind(id.0)
                .bind(to_unix_micros(at))
                .bind(channel)
                .bind(by)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                commit_with(tx, vec![audit]).await?;
                Ok(true)
            }

            async fn add_note(
                &self,
                note: &Note,
                next_update_due: Option<OffsetDateTime>,
                audit: AuditEvent,
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                insert_note(&mut tx, note).await?;
                let moved = sqlx::query(
                    "UPDATE submissions SET updated_at_us = $2, \
                     next_update_due_us = CASE WHEN $3 IS NULL THEN next_update_due_us ELSE $3 END \
                     WHERE id = $1",
                )
                .bind(note.submission_id.0)
                .bind(to_unix_micros(note.at))
                .bind(next_update_due.map(to_unix_micros))
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                commit_with(tx, vec![audit]).await?;
                Ok(())
            }

            async fn reassign(&self, note: &Note, team_id: &str, audit: AuditEvent) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                let moved = sqlx::query(
                    "UPDATE submissions SET team_id = $2, updated_at_us = $3 WHERE id = $1",
                )
                .bind(note.submission_id.0)
                .bind(team_id)
                .bind(to_unix_micros(note.at))
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                insert_note(&mut tx, note).await?;
                commit_with(tx, vec![audit]).await?;
                Ok(())
            }

            async fn notes(&self, id: SubmissionId) -> StoreResult<Vec<Note>> {
                let rows: Vec<NoteRow> = sqlx::query_as(
                    "SELECT id, submission_id, at_us, author, kind, body FROM submission_notes \
                     WHERE submission_id = $1 ORDER BY at_us, id",
                )
                .bind(id.0)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Note::from).collect())
            }

            async fn correlate(
                &self,
                item: &crate::ItemIndicators,
                cap: usize,
                audit: AuditEvent,
            ) -> StoreResult<crate::Correlated> {
                let mut tx = begin_write(&self.pool).await?;
                let (out, alerts, held) = correlate_in(&mut tx, &self.correlation, item, cap).await?;
                let mut events = alert_events(&alerts, &audit);
                events.extend(link_event(item, &out, audit));
                commit_with(tx, events).await?;
                held.restore();
                Ok(out)
            }

            async fn create_organisation(
                &self,
                org: &crate::Organisation,
                audit: AuditEvent,
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                sqlx::query(
                    "INSERT INTO organisations (id, name, sector, contact, agreement, allowed_types, \
                     default_marking, rate_per_minute, created_at_us, red_recipients) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&org.id)
                .bind(&org.name)
                .bind(&org.sector)
                .bind(&org.contact)
                .bind(&org.agreement)
                .bind(org.allowed_types.join(","))
                .bind(org.default_marking.label())
                .bind(org.rate_per_minute)
                .bind(to_unix_micros(org.created_at))
                .bind(org.red_recipients.join(","))
                .execute(&mut *tx)
                .await?;
                commit_with(tx, vec![audit]).await?;
                Ok(())
            }

            async fn organisation(&self, id: &str) -> StoreResult<Option<crate::Organisation>> {
                let row: Option<OrganisationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1"
                )))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(organisation_from_row).transpose()
            }

            async fn organisations(&self) -> StoreResult<Vec<crate::Organisation>> {
                let rows: Vec<OrganisationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {ORGANISATION_COLUMNS} FROM organisations ORDER BY id"
                )))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(organisation_from_row).collect()
            }

            async fn ingest_notifications(
                &self,
                organisation_id: &str,
                batch: &[crate::NewNotification],
                cap: usize,
                mut audit: AuditEvent,
            ) -> StoreResult<Vec<crate::IngestOutcome>> {
                use crate::bulk::rows_per_statement;
                let mut tx = begin_write(&self.pool).await?;
                // The mirror is brought up to date before this batch's rows exist, so the batch
                // links only to what came before each notification.
                let mut held = hold_mirror(&mut tx, &self.correlation).await?;
                // Stored unless the own id was received before (in an earlier batch, or earlier
                // in this one). The ids already stored are asked for first (usually none), so
                // the insert needs nothing back; nothing else can insert between the two, since
                // the correlation lock is held.
                let mut held_before: std::collections::HashSet<String> =
                    std::collections::HashSet::new();
                for chunk in batch.chunks(rows_per_statement(1) - 1) {
                    let sql = format!(
                        "SELECT own_id FROM notifications WHERE organisation_id = {} \
                         AND own_id IN ({})",
                        crate::bulk::params($backend, 1, 1),
                        crate::bulk::params($backend, chunk.len(), 2)
                    );
                    let mut query =
                        sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql)).bind(organisation_id);
                    for n in chunk {
                        query = query.bind(&n.own_id);
                    }
                    held_before.extend(query.fetch_all(&mut *tx).await?.into_iter().map(|(own,)| own));
                }
                let mut in_batch = std::collections::HashSet::new();
                let accepted: Vec<bool> = batch
                    .iter()
                    .map(|n| !held_before.contains(&n.own_id) && in_batch.insert(n.own_id.as_str()))
                    .collect();
                let new: Vec<&crate::NewNotification> = batch
                    .iter()
                    .zip(&accepted)
                    .filter_map(|(n, a)| a.then_some(n))
                    .collect();
                let indicators = new
                    .iter()
                    .map(|n| {
                        serde_json::to_string(
                            &n.indicators
                                .iter()
                                .map(|i| (i.kind.slug(), i.value.as_str()))
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Result<Vec<String>, _>>()
                    .map_err(|e| StoreError::corrupt(e.to_string()))?;
                let rows: Vec<(&crate::NewNotification, &str, &str)> = new
                    .iter()
                    .zip(&indicators)
                    .map(|(n, json)| {
                        let found_in = n.indicators.first().map_or("", |i| i.found_in.as_str());
                        (*n, json.as_str(), found_in)
                    })
                    .collect();
                insert_notification_rows(&mut tx, organisation_id, &rows).await?;
                let names: Vec<String> =
                    new.iter().map(|n| format!("notification:{}", n.id)).collect();
                let source = format!("{}{organisation_id}", crate::correlation::ORGANISATION_SOURCE);
                let items: Vec<crate::correlation::Item<'_>> = new
                    .iter()
                    .zip(&names)
                    .map(|(n, name)| crate::correlation::Item {
                        item: name,
                        source: &source,
                        marking: n.marking,
                        at: n.received_at,
                        indicators: &n.indicators,
                        record_postings: false,
                    })
                    .collect();
                let (correlated, alerts) = correlate_held(&mut tx, &mut held, &items, cap).await?;
                let mut links = correlated.iter().map(|c| c.links.len());
                let outcomes: Vec<crate::IngestOutcome> = accepted
                    .iter()
                    .map(|a| {
                        if *a {
                            crate::IngestOutcome::Accepted {
                                links: links.next().unwrap_or_default(),
                            }
                        } else {
                            crate::IngestOutcome::Duplicate
                        }
                    })
                    .collect();
                let mut events = Vec::new();
                if !items.is_empty() {
                    let mut collection = audit.clone();
                    collection.detail = if audit.detail.is_empty() {
                        format!("{} notifications stored", items.len())
                    } else {
                        format!("{}; {} notifications stored", audit.detail, items.len())
                    };
                    events.push(collection);
                }
                let made: usize = correlated.iter().map(|c| c.links.len()).sum();
                if made > 0 {
                    // Links among notifications are recorded in the links table, each with its
                    // time; the batch's combination is one entry, and each alert on a report
                    // has its own (below) under the report as subject.
                    audit.operation = peel_core::audit::Operation::Combination;
                    audit.event = peel_core::audit::AuditCode::NotificationsLinked;
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

            async fn notification(
                &self,
                id: Uuid,
            ) -> StoreResult<Option<crate::NotificationRecord>> {
                let row: Option<(Uuid, String, String, String, String, i64)> = sqlx::query_as(
                    "SELECT id, organisation_id, own_id, kind, marking, received_at_us \
                     FROM notifications WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|(id, organisation_id, own_id, kind, marking, at)| {
                    Ok(crate::NotificationRecord {
                        id,
                        organisation_id,
                        own_id,
                        kind,
                        marking: parse_marking(&marking)?,
                        received_at: peel_core::clock::from_unix_micros(at),
                    })
                })
                .transpose()
            }

            async fn notification_count(&self, organisation_id: &str) -> StoreResult<i64> {
                let (n,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE organisation_id = $1")
                        .bind(organisation_id)
                        .fetch_one(&self.pool)
                        .await?;
                Ok(n)
            }

            async fn links_of(&self, item: &str) -> StoreResult<Vec<crate::LinkRecord>> {
                let rows: Vec<(String, String, String, String, String, String, String, i64)> =
                    sqlx::query_as(
                        "SELECT earlier_item, later_item, kind, value, marking, earlier_found_in, \
                         later_found_in, created_at_us FROM item_links \
                         WHERE earlier_item = $1 OR later_item = $1 \
                         ORDER BY created_at_us, earlier_item, later_item, kind, value",
                    )
                    .bind(item)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|(earlier, later, kind, value, marking, efi, lfi, at)| {
                        Ok(crate::LinkRecord {
                            earlier,
                            later,
                            kind: parse_kind(&kind)?,
                            value,
                            marking: parse_marking(&marking)?,
                            earlier_found_in: efi,
                            later_found_in: lfi,
                            created_at: peel_core::clock::from_unix_micros(at),
                        })
                    })
                    .collect()
            }

            async fn occurred_between(
                &self,
                from: OffsetDateTime,
                to: OffsetDateTime,
                limit: u32,
            ) -> StoreResult<Vec<SubmissionRecord>> {
                let rows: Vec<SubmissionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {SUBMISSION_COLUMNS} FROM submissions \
                     WHERE occurred_at_us >= $1 AND occurred_at_us <= $2 \
                     ORDER BY occurred_at_us DESC LIMIT $3"
                )))
                .bind(to_unix_micros(from))
                .bind(to_unix_micros(to))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(SubmissionRecord::from).collect())
            }

            async fn is_common(&self, kind: peel_link::Kind, value: &str) -> StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT sources FROM common_values WHERE kind = $1 AND value = $2",
                )
                .bind(kind.slug())
                .bind(value)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn alerts(
                &self,
                status: Option<crate::AlertStatus>,
                limit: u32,
            ) -> StoreResult<Vec<crate::AlertRecord>> {
                let rows: Vec<AlertRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {ALERT_COLUMNS} FROM alerts WHERE ($1 IS NULL OR status = $1) \
                     ORDER BY updated_at_us DESC, id DESC LIMIT $2"
                )))
                .bind(status.map(crate::AlertStatus::slug))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(alert_from_row).collect()
            }

            async fn alerts_of(&self, item: &str) -> StoreResult<Vec<crate::AlertRecord>> {
                let rows: Vec<AlertRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {ALERT_COLUMNS} FROM alerts WHERE item = $1 ORDER BY id"
                )))
                .bind(item)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(alert_from_row).collect()
            }

            async fn alert(&self, id: i64) -> StoreResult<Option<crate::AlertRecord>> {
                let row: Option<AlertRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {ALERT_COLUMNS} FROM alerts WHERE id = $1"
                )))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(alert_from_row).transpose()
            }
















            async fn notifications_sent(
                &self,
                organisation_id: &str,
                after_seq: i64,
                limit: u32,
            ) -> StoreResult<Vec<crate::SentNotification>> {
                let rows: Vec<(i64, Uuid, String, String, i64, String, Option<i64>)> = sqlx::query_as(
                    "SELECT seq, id, own_id, kind, received_at_us, marking, pseudonymised_at_us \
                     FROM notifications WHERE organisation_id = $1 AND seq > $2 \
                     ORDER BY seq LIMIT $3",
                )
                .bind(organisation_id)
                .bind(after_seq)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                // Reports and concerns each links to, in either direction, each counted once:
                // one query for the page.
                let items: Vec<String> =
                    rows.iter().map(|r| format!("notification:{}", r.1)).collect();
                let mut matched: std::collections::HashMap<String, i64> =
                    std::collections::HashMap::new();
                if !items.is_empty() {
                    let list = |from: usize| crate::bulk::params($backend, items.len(), from);
                    let sql = format!(
                        "SELECT item, COUNT(DISTINCT other) FROM ( \
                         SELECT later_item AS item, earlier_item AS other FROM item_links \
                         WHERE later_item IN ({}) \
                         UNION ALL SELECT earlier_item AS item, later_item AS other FROM item_links \
                         WHERE earlier_item IN ({})) AS linked \
                         WHERE other LIKE 'submission:%' GROUP BY item",
                        list(1),
                        list(items.len() + 1)
                    );
                    let mut query = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
                    for item in items.iter().chain(&items) {
                        query = query.bind(item);
                    }
                    matched.extend(query.fetch_all(&self.pool).await?);
                }
                rows.into_iter()
                    .zip(&items)
                    .map(|((seq, _, own_id, kind, at, marking, pseudonymised), item)| {
                        Ok(crate::SentNotification {
                            seq,
                            own_id,
                            kind,
                            received_at: peel_core::clock::from_unix_micros(at),
                            marking: parse_marking(&marking)?,
                            pseudonymised_at: pseudonymised.map(peel_core::clock::from_unix_micros),
                            matched_reports: matched.get(item).copied().unwrap_or(0),
                        })
                    })
                    .collect()
            }

            async fn retention_rules(
                &self,
                organisation_id: &str,
            ) -> StoreResult<Vec<(String, i64, i64)>> {
                Ok(sqlx::query_as(
                    "SELECT kind, keep_days, pseudonymise_days FROM notification_retention \
                     WHERE organisation_id = $1 ORDER BY kind",
                )
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn set_retention(
                &self,
                organisation_id: &str,
                kind: &str,
                keep_days: i64,
                pseudonymise_days: i64,
                audit: AuditEvent,
            ) -> StoreResult<()> {
                let mut tx = begin_write(&self.pool).await?;
                sqlx::query(
                    "INSERT INTO notification_retention (organisation_id, kind, keep_days, \
                     pseudonymise_days) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (organisation_id, kind) DO UPDATE SET \
                     keep_days = excluded.keep_days, pseudonymise_days = excluded.pseudonymise_days",
                )
                .bind(organisation_id)
                .bind(kind)
                .bind(keep_days)
                .bind(pseudonymise_days)
                .execute(&mut *tx)
                .await?;
                commit_with(tx, vec![audit]).await
            }

            async fn notification_kinds(&self, organisation_id: &str) -> StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT DISTINCT kind FROM notifications WHERE organisation_id = $1 ORDER BY kind",
                )
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(k,)| k).collect())
            }

            async fn apply_retention(
                &self,
                organisation_id: &str,
                kind: &str,
                erase_before: OffsetDateTime,
                pseudonymise_before: OffsetDateTime,
                now: OffsetDateTime,
                audit: AuditEvent,
            ) -> StoreResult<crate::RetentionOutcome> {
                use crate::bulk::rows_per_statement;
                let mut tx = begin_write(&self.pool).await?;
                lock_audit_chain(&mut tx).await?;
                let placeholders = |n: usize, from: usize| crate::bulk::params($backend, n, from);
                // Erased: the notifications and every link to or from them.
                let old: Vec<(Uuid,)> = sqlx::query_as(
                    "SELECT id FROM notifications WHERE organisation_id = $1 AND kind = $2 \
                     AND received_at_us < $3",
                )
                .bind(organisation_id)
                .bind(kind)
                .bind(to_unix_micros(erase_before))
                .fetch_all(&mut *tx)
                .await?;
                let items: Vec<String> = old.iter().map(|(id,)| format!("notification:{id}")).collect();
                for chunk in items.chunks(rows_per_statement(2)) {
                    let sql = format!(
                        "DELETE FROM item_links WHERE earlier_item IN ({}) OR later_item IN ({})",
                        placeholders(chunk.len(), 1),
                        placeholders(chunk.len(), chunk.len() + 1)
                    );
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for item in chunk.iter().chain(chunk) {
                        query = query.bind(item);
                    }
                    query.execute(&mut *tx).await?;
                }
                let erased = sqlx::query(
                    "DELETE FROM notifications WHERE organisation_id = $1 AND kind = $2 \
                     AND received_at_us < $3",
                )
                .bind(organisation_id)
                .bind(kind)
                .bind(to_unix_micros(erase_before))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                // Pseudonymised: the older ones that link to nothing.
                let candidates: Vec<(Uuid,)> = sqlx::query_as(
                    "SELECT id FROM notifications WHERE organisation_id = $1 AND kind = $2 \
                     AND received_at_us < $3 AND pseudonymised_at_us IS NULL",
                )
                .bind(organisation_id)
                .bind(kind)
                .bind(to_unix_micros(pseudonymise_before))
                .fetch_all(&mut *tx)
                .await?;
                let mut pseudonymised = 0_u64;
                for chunk in candidates.chunks(rows_per_statement(2)) {
                    let names: Vec<String> =
                        chunk.iter().map(|(id,)| format!("notification:{id}")).collect();
                    let sql = format!(
                        "SELECT earlier_item FROM item_links WHERE earlier_item IN ({}) \
                         UNION SELECT later_item FROM item_links WHERE later_item IN ({})",
                        placeholders(names.len(), 1),
                        placeholders(names.len(), names.len() + 1)
                    );
                    let mut query = sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql));
                    for name in names.iter().chain(&names) {
                        query = query.bind(name);
                    }
                    let linked: std::collections::HashSet<String> =
                        query.fetch_all(&mut *tx).await?.into_iter().map(|(i,)| i).collect();
                    let unlinked: Vec<Uuid> = chunk
                        .iter()
                        .zip(&names)
                        .filter(|(_, name)| !linked.contains(*name))
                        .map(|((id,), _)| *id)
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
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(to_unix_micros(now));
                    for id in &unlinked {
                        query = query.bind(*id);
                    }
                    pseudonymised += query.execute(&mut *tx).await?.rows_affected();
                }
                let mut events = Vec::new();
                if erased > 0 {
                    let mut event = audit.clone();
                    event.detail = format!(
                        "{erased} {kind} notifications from {organisation_id} erased with their links: held past their retention"
                    );
                    events.push(event);
                }
                if pseudonymised > 0 {
                    let mut event = audit;
                    event.event = peel_core::audit::AuditCode::NotificationsPseudonymised;
                    event.detail = format!(
                        "{pseudonymised} {kind} notifications from {organisation_id} that link to nothing pseudonymised: text, indicators, postcode and victim details removed"
                    );
                    events.push(event);
                }
                if !events.is_empty() {
                    // Every store's mirror of the value index forgets what was removed.
                    sqlx::query("UPDATE correlation_epoch SET epoch = epoch + 1 WHERE id = 1")
                        .execute(&mut *tx)
                        .await?;
                }
                commit_with(tx, events).await?;
                Ok(crate::RetentionOutcome {
                    erased,
                    pseudonymised,
                })
            }

            async fn set_alert_status(
                &self,
                id: i64,
                status: crate::AlertStatus,
                username: &str,
                at: OffsetDateTime,
                audit: AuditEvent,
            ) -> StoreResult<bool> {
                let mut tx = begin_write(&self.pool).await?;
                let changed = sqlx::query(
                    "UPDATE alerts SET status = $1, handled_by = $2, handled_at_us = $3 \
                     WHERE id = $4",
                )
                .bind(status.slug())
                .bind(username)
                .bind(to_unix_micros(at))
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    return Ok(false);
                }
                commit_with(tx, vec![audit]).await?;
                Ok(true)
            }
        }
    };
}

pub(crate) use impl_store;
