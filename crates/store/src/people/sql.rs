//! People's SQL.

use std::collections::HashMap;

use peel_core::audit::AuditEvent;
use peel_core::people::abstraction::Abstraction;
use peel_core::people::matching::{self as m, Person};
use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
use peel_core::people::training::{Completion, Learning, Revision};
use peel_core::people::vetting::{Clearance, Scope, Suspension};
use peel_core::username::Username;
use peel_core::{ClearanceId, PersonId};
use time::Date;

use super::joining;
use super::{ApplicationRecord, PeopleStore, PersonRecord, Roster, VettingReview};
use crate::StoreResult;
use crate::audit::{commit_if_changed, commit_with};
use crate::engine::Engine;
use crate::error::Conflict;
use crate::sql::{Db, Tx};
use peel_core::reference::Reference;

pub(super) async fn insert_completion(
    tx: &mut Tx,
    person: &PersonId,
    done: &Completion,
) -> StoreResult<()> {
    tx.query(
        "INSERT INTO person_training (person_id, module, completed_on, expires_on, version, how) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id, module, completed_on) DO UPDATE \
         SET expires_on = excluded.expires_on, version = excluded.version, how = excluded.how",
    )
    .bind(person)
    .bind(&done.module)
    .bind(done.completed)
    .bind(done.expires)
    .bind(i64::from(done.version))
    .bind(done.how.slug())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes a person with everything about them, in `tx`.
pub(super) async fn insert_person(
    tx: &mut Tx,
    record: &PersonRecord,
    at: time::OffsetDateTime,
) -> StoreResult<()> {
    let p = &record.person;
    tx.query(
        "INSERT INTO people (id, username, name, kind, team_id, home_lat, home_lon, \
         languages, weekly, created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&p.id)
    .bind(record.username.as_ref())
    .bind(&p.name)
    .bind(p.kind)
    .bind(record.team.as_ref())
    .bind(p.home.map(|h| h.0))
    .bind(p.home.map(|h| h.1))
    .bind(p.languages.join(","))
    .bind(joined(&p.availability.weekly, |s| s.to_text(), ";"))
    .bind(at)
    .execute(&mut *tx)
    .await
    .map_err(|error| error.or_conflict(Conflict::Person))?;
    for held in &p.skills {
        let evidence = held.evidence.as_ref();
        let verified = evidence.and_then(|e| e.verified.as_ref());
        tx.query(
            "INSERT INTO person_skills (person_id, skill, level, body, number, verified_by, \
             verified_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&p.id)
        .bind(held.skill.slug())
        .bind(held.level as i64)
        .bind(evidence.map(|e| e.body.as_str()))
        .bind(evidence.map(|e| e.number.as_str()))
        .bind(verified.map(|v| v.0.as_str()))
        .bind(verified.map(|v| v.1))
        .execute(&mut *tx)
        .await?;
    }
    for done in &p.training {
        insert_completion(tx, &p.id, done).await?;
    }
    for (from, until) in &p.availability.away {
        tx.query("INSERT INTO person_away (person_id, from_on, until_on) VALUES ($1, $2, $3)")
            .bind(&p.id)
            .bind(*from)
            .bind(*until)
            .execute(&mut *tx)
            .await?;
    }
    for association in &p.associations {
        tx.query(
            "INSERT INTO person_associations (person_id, kind, value) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&p.id)
        .bind(association.kind)
        .bind(&association.value)
        .execute(&mut *tx)
        .await?;
    }
    for clearance in &p.clearances {
        let id: ClearanceId = tx
            .query(
                "INSERT INTO clearances (person_id, level, scopes, granted_on, expires_on, \
                 aftercare_due_on, status) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&p.id)
            .bind(clearance.level)
            .bind(joined(&clearance.scopes, |s| s.slug().to_owned(), ","))
            .bind(clearance.granted)
            .bind(clearance.expires)
            .bind(clearance.aftercare_due)
            .bind(clearance.status)
            .one(&mut *tx)
            .await?
            .first("clearances")?;
        write_suspensions(tx, id, clearance).await?;
    }
    Ok(())
}

/// Which people to load.
enum Only<'a> {
    Everyone,
    Id(&'a PersonId),
    Account(&'a Username),
}

fn scopes(text: &str) -> Result<Vec<Scope>, String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| Scope::from_slug(s).ok_or_else(|| format!("{s:?} is not a vetting scope")))
        .collect()
}

fn slots(text: &str) -> Result<Vec<m::Slot>, String> {
    text.split(';')
        .filter(|s| !s.is_empty())
        .map(|s| m::Slot::parse(s).ok_or_else(|| format!("{s:?} is not a weekly slot")))
        .collect()
}

fn level(n: i64) -> Result<SkillLevel, String> {
    match n {
        1 => Ok(SkillLevel::Working),
        2 => Ok(SkillLevel::Practitioner),
        3 => Ok(SkillLevel::Expert),
        other => Err(format!("{other} is not a skill level")),
    }
}

/// People with everything about them. Each table is read once for everyone, or for the one
/// person asked for; rows of a person not loaded are passed over.
async fn load(db: &Db, only: Only<'_>) -> StoreResult<Vec<PersonRecord>> {
    let (id, username) = match &only {
        Only::Everyone => (None, None),
        Only::Id(id) => (Some(*id), None),
        Only::Account(name) => (None, Some(*name)),
    };
    let mut out: Vec<PersonRecord> = Vec::new();
    for row in db
        .query(
            "SELECT id, username, name, kind, team_id, home_lat, home_lon, languages, weekly \
             FROM people WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR username = $2) \
             ORDER BY id",
        )
        .bind(id)
        .bind(username)
        .all(db)
        .await?
    {
        let mut cols = row.cols("people");
        let id: PersonId = cols.id()?;
        let username = cols.get()?;
        let name = cols.get()?;
        let kind = cols.get()?;
        let team = cols.get()?;
        let (lat, lon): (Option<f64>, Option<f64>) = (cols.get()?, cols.get()?);
        let languages: String = cols.get()?;
        let weekly = cols.parse("weekly", |text: String| slots(&text))?;
        out.push(PersonRecord {
            person: Person {
                id,
                name,
                kind,
                home: lat.zip(lon),
                languages: languages
                    .split(',')
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                skills: Vec::new(),
                clearances: Vec::new(),
                training: Vec::new(),
                associations: Vec::new(),
                availability: m::Availability {
                    weekly,
                    away: Vec::new(),
                },
            },
            username,
            team,
            clearance_ids: Vec::new(),
        });
    }
    // The one person asked for by account is then read by id.
    let id = match (&only, out.as_slice()) {
        (Only::Everyone, _) => None,
        (_, [one]) => Some(one.person.id.clone()),
        _ => return Ok(out),
    };
    let at: HashMap<PersonId, usize> = out
        .iter()
        .enumerate()
        .map(|(i, r)| (r.person.id.clone(), i))
        .collect();
    let of = |person: &PersonId| at.get(person).copied();

    for row in db
        .query(
            "SELECT person_id, skill, level, body, number, verified_by, verified_on \
             FROM person_skills WHERE ($1 IS NULL OR person_id = $1) ORDER BY person_id, skill",
        )
        .bind(id.as_ref())
        .all(db)
        .await?
    {
        let mut cols = row.cols("person_skills");
        let person: PersonId = cols.id()?;
        let skill = cols.parse("skill", |s: String| {
            Skill::from_slug(&s).ok_or_else(|| format!("{s:?} is not a skill"))
        })?;
        let level = cols.parse("level", level)?;
        let body: Option<String> = cols.get()?;
        let number: Option<String> = cols.get()?;
        let by: Option<String> = cols.get()?;
        let on: Option<Date> = cols.get()?;
        let Some(record) = of(&person).and_then(|i| out.get_mut(i)) else {
            continue;
        };
        record.person.skills.push(HeldSkill {
            skill,
            level,
            evidence: body.zip(number).map(|(body, number)| Evidence {
                body,
                number,
                verified: by.zip(on),
            }),
        });
    }
    for row in db
        .query(
            "SELECT person_id, module, completed_on, expires_on, version, how FROM person_training \
             WHERE ($1 IS NULL OR person_id = $1) ORDER BY person_id, module, completed_on",
        )
        .bind(id.as_ref())
        .all(db)
        .await?
    {
        let mut cols = row.cols("person_training");
        let person: PersonId = cols.id()?;
        let completion = Completion {
            module: cols.get()?,
            completed: cols.get()?,
            expires: cols.get()?,
            version: cols.parse("version", |v: i64| {
                u32::try_from(v).map_err(|_| format!("{v} is not a version"))
            })?,
            how: cols.parse("how", |text: String| {
                Learning::parse(&text).ok_or_else(|| format!("{text:?} is not a way of learning"))
            })?,
        };
        if let Some(record) = of(&person).and_then(|i| out.get_mut(i)) {
            record.person.training.push(completion);
        }
    }
    for row in db
        .query(
            "SELECT person_id, from_on, until_on FROM person_away \
             WHERE ($1 IS NULL OR person_id = $1) ORDER BY person_id, from_on",
        )
        .bind(id.as_ref())
        .all(db)
        .await?
    {
        let mut cols = row.cols("person_away");
        let person: PersonId = cols.id()?;
        let away: (Date, Date) = (cols.get()?, cols.get()?);
        if let Some(record) = of(&person).and_then(|i| out.get_mut(i)) {
            record.person.availability.away.push(away);
        }
    }
    for row in db
        .query(
            "SELECT person_id, kind, value FROM person_associations \
             WHERE ($1 IS NULL OR person_id = $1) ORDER BY person_id, kind, value",
        )
        .bind(id.as_ref())
        .all(db)
        .await?
    {
        let mut cols = row.cols("person_associations");
        let person: PersonId = cols.id()?;
        let association = m::Association {
            kind: cols.get()?,
            value: cols.get()?,
        };
        if let Some(record) = of(&person).and_then(|i| out.get_mut(i)) {
            record.person.associations.push(association);
        }
    }
    let mut suspended: HashMap<ClearanceId, Vec<Suspension>> = HashMap::new();
    for row in db
        .query(
            "SELECT clearance_id, scope, reason, since_on FROM clearance_suspensions \
             WHERE ($1 IS NULL OR clearance_id IN \
             (SELECT id FROM clearances WHERE person_id = $1)) \
             ORDER BY clearance_id, since_on, scope",
        )
        .bind(id.as_ref())
        .all(db)
        .await?
    {
        let mut cols = row.cols("clearance_suspensions");
        let clearance: ClearanceId = cols.id()?;
        suspended.entry(clearance).or_default().push(Suspension {
            scope: cols.get()?,
            reason: cols.get()?,
            since: cols.get()?,
        });
    }
    for row in db
        .query(
            "SELECT id, person_id, level, scopes, granted_on, expires_on, aftercare_due_on, \
             status FROM clearances WHERE ($1 IS NULL OR person_id = $1) ORDER BY person_id, id",
        )
        .bind(id.as_ref())
        .all(db)
        .await?
    {
        let mut cols = row.cols("clearances");
        let id: ClearanceId = cols.id()?;
        let person: PersonId = cols.get()?;
        let clearance = Clearance {
            level: cols.get()?,
            scopes: cols.parse("scopes", |text: String| scopes(&text))?,
            granted: cols.get()?,
            expires: cols.get()?,
            aftercare_due: cols.get()?,
            status: cols.get()?,
            suspended: suspended.remove(&id).unwrap_or_default(),
        };
        if let Some(record) = of(&person).and_then(|i| out.get_mut(i)) {
            record.person.clearances.push(clearance);
            record.clearance_ids.push(id);
        }
    }
    Ok(out)
}

async fn write_suspensions(tx: &mut Tx, id: ClearanceId, clearance: &Clearance) -> StoreResult<()> {
    for suspension in &clearance.suspended {
        tx.query(
            "INSERT INTO clearance_suspensions (clearance_id, scope, reason, since_on) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(suspension.scope)
        .bind(&suspension.reason)
        .bind(suspension.since)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

fn joined<T>(items: &[T], text: impl Fn(&T) -> String, separator: &str) -> String {
    items.iter().map(text).collect::<Vec<_>>().join(separator)
}

#[async_trait::async_trait]
impl<E: Engine> PeopleStore for E {
    async fn create_person(&self, record: &PersonRecord, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        insert_person(&mut tx, record, audit.at).await?;
        commit_with(tx, vec![audit]).await
    }

    async fn create_application(
        &self,
        application: &ApplicationRecord,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        joining::create_application(self.db(), application, audit).await
    }

    async fn applications(&self) -> StoreResult<Vec<ApplicationRecord>> {
        joining::applications(self.db()).await
    }

    async fn application(
        &self,
        id: Option<uuid::Uuid>,
        reference: Option<&Reference>,
    ) -> StoreResult<Option<ApplicationRecord>> {
        joining::application(self.db(), id, reference).await
    }

    async fn decide_application(
        &self,
        id: uuid::Uuid,
        decided: (&str, time::OffsetDateTime, &str),
        approved: Option<&PersonRecord>,
        audit: Vec<AuditEvent>,
    ) -> StoreResult<bool> {
        joining::decide_application(self.db(), id, decided, approved, audit).await
    }

    async fn people_holding(&self, values: &[String]) -> StoreResult<Vec<(PersonId, String)>> {
        joining::people_holding(self.db(), values).await
    }

    async fn raise_reviews(
        &self,
        reviews: &[VettingReview],
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()> {
        joining::raise_reviews(self.db(), reviews, audit).await
    }

    async fn vetting_reviews(&self) -> StoreResult<Vec<VettingReview>> {
        joining::vetting_reviews(self.db()).await
    }

    async fn close_review(
        &self,
        id: uuid::Uuid,
        by: &str,
        outcome: &str,
        at: time::OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        joining::close_review(self.db(), id, by, outcome, at, audit).await
    }

    async fn record_completion(
        &self,
        person: &PersonId,
        done: &Completion,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        joining::record_completion(self.db(), person, done, audit).await
    }

    async fn revise_module(&self, revision: &Revision, audit: AuditEvent) -> StoreResult<()> {
        joining::revise_module(self.db(), revision, audit).await
    }

    async fn module_revisions(&self) -> StoreResult<Vec<Revision>> {
        joining::module_revisions(self.db()).await
    }

    async fn people(&self) -> StoreResult<Vec<PersonRecord>> {
        load(self.db(), Only::Everyone).await
    }

    async fn person(&self, id: &PersonId) -> StoreResult<Option<PersonRecord>> {
        Ok(load(self.db(), Only::Id(id)).await?.pop())
    }

    async fn person_of_account(&self, username: &Username) -> StoreResult<Option<PersonRecord>> {
        Ok(load(self.db(), Only::Account(username)).await?.pop())
    }

    async fn verify_skill(
        &self,
        person: &PersonId,
        skill: &Skill,
        by: &str,
        on: Date,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "UPDATE person_skills SET verified_by = $1, verified_on = $2 \
                 WHERE person_id = $3 AND skill = $4 AND body IS NOT NULL",
            )
            .bind(by)
            .bind(on)
            .bind(person)
            .bind(skill.slug())
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }

    async fn update_clearance(
        &self,
        id: ClearanceId,
        clearance: &Clearance,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "UPDATE clearances SET status = $1, aftercare_due_on = $2, expires_on = $3 \
                 WHERE id = $4",
            )
            .bind(clearance.status)
            .bind(clearance.aftercare_due)
            .bind(clearance.expires)
            .bind(id)
            .execute(&mut tx)
            .await?;
        if changed == 0 {
            return Ok(false);
        }
        tx.query("DELETE FROM clearance_suspensions WHERE clearance_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        write_suspensions(&mut tx, id, clearance).await?;
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }

    async fn record_abstraction(
        &self,
        abstraction: &Abstraction,
        recorded_by: &str,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO abstractions (officer, ward, day_on, hours, cause, reason, recorded_by, \
             recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&abstraction.officer)
        .bind(&abstraction.ward)
        .bind(abstraction.day)
        .bind(abstraction.hours)
        .bind(abstraction.cause)
        .bind(&abstraction.reason)
        .bind(recorded_by)
        .bind(audit.at)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn set_roster(&self, roster: &Roster, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO ward_rosters (ward, month_on, hours) VALUES ($1, $2, $3) \
             ON CONFLICT (ward, month_on) DO UPDATE SET hours = excluded.hours",
        )
        .bind(&roster.ward)
        .bind(roster.month)
        .bind(roster.hours)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn abstractions_between(
        &self,
        from: Date,
        to: Date,
    ) -> StoreResult<(Vec<Abstraction>, Vec<Roster>)> {
        let db = self.db();
        let abstractions = db
            .query(
                "SELECT officer, ward, day_on, hours, cause, reason FROM abstractions \
                 WHERE day_on >= $1 AND day_on < $2 ORDER BY ward, day_on",
            )
            .bind(from)
            .bind(to)
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("abstractions");
                Ok(Abstraction {
                    officer: cols.id()?,
                    ward: cols.get()?,
                    day: cols.get()?,
                    hours: cols.get()?,
                    cause: cols.get()?,
                    reason: cols.get()?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let first = from.replace_day(1).unwrap_or(from);
        let rosters = db
            .query(
                "SELECT ward, month_on, hours FROM ward_rosters \
                 WHERE month_on >= $1 AND month_on < $2 ORDER BY ward, month_on",
            )
            .bind(first)
            .bind(to)
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("ward_rosters");
                Ok(Roster {
                    ward: cols.id()?,
                    month: cols.get()?,
                    hours: cols.get()?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((abstractions, rosters))
    }
}
