//! The submission services against a real store: each view and list is one consultation naming
//! what it showed; another team reads only with a reason, recorded for its supervisors; changes
//! are the owning team's.

use std::sync::Arc;

use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_core::policy::{Actor, Denied, Principal};
use peel_core::submission::{
    Category, Channel, Location, NoteKind, ReporterRole, SafeContact, Stage,
};
use peel_core::{OrganisationId, Role, SubmissionId, TeamId, UserId};
use peel_store::testing::TestStore;
use peel_store::{AuditQuery, QueueFilter, Submission};
use time::OffsetDateTime;
use time::macros::datetime;

use super::*;
use crate::{Context, ServiceError, Settings};

const NOW: OffsetDateTime = datetime!(2026-12-01 10:00 UTC);

#[derive(Debug)]
struct Fixed;

impl Clock for Fixed {
    fn now(&self) -> OffsetDateTime {
        NOW
    }
}

fn team(id: &str) -> TeamId {
    TeamId::parse(id).unwrap()
}

fn officer(n: u128, team_id: &str, roles: &[Role]) -> Actor {
    Actor {
        principal: Principal::User(UserId(uuid::Uuid::from_u128(n))),
        roles: roles.iter().copied().collect(),
        organisation: Some(OrganisationId::parse("met").unwrap()),
        team: Some(team(team_id)),
        supervises: Vec::new(),
        label: format!("officer{n}"),
        reason: None,
    }
}

async fn context() -> (TestStore, Context) {
    let test = TestStore::sqlite().await.unwrap();
    let ctx = Context::new(
        test.store.clone(),
        Arc::new(Fixed),
        Settings::for_organisation(OrganisationId::parse("met").unwrap()),
    );
    (test, ctx)
}

/// A domestic-abuse report in the intake team's queue, with its reader accounts.
async fn stored(ctx: &Context, readers: &[&Actor]) -> Submission {
    for reader in readers {
        let user = peel_store::NewUser {
            id: reader.user_id().unwrap(),
            username: peel_core::username::Username::parse(&reader.label).unwrap(),
            password_hash: "$argon2id$not-a-real-hash".into(),
            roles: reader.roles.clone(),
            organisation: OrganisationId::parse("met").unwrap(),
            team: reader.team.clone(),
            created_at: NOW,
        };
        let event = ctx.event(&Actor::operator("test"), AuditCode::UserCreated, "user", "");
        ctx.store().create_user(&user, event).await.unwrap();
    }
    let s = Submission {
        id: SubmissionId(uuid::Uuid::now_v7()),
        reference: peel_core::reference::Reference::from_random([7; 8]),
        status_token_digest: "digest".into(),
        channel: Channel::Api,
        received_at: NOW,
        category: Category::DomesticAbuse,
        description: "threatened".into(),
        occurred_at: NOW,
        location: Location::Address("12 High Street".into()),
        reporter_role: ReporterRole::Victim,
        contact: None,
        safe_contact: SafeContact::default(),
        language: "English".into(),
        ward: None,
        team: TeamId::intake(),
        routing_reason: "address only".into(),
        stage: Stage::New,
        enhanced_rights: false,
        next_update_due: None,
        first_contact_due: None,
        first_contact: None,
        updated_at: NOW,
        triage: None,
        grade_override: None,
        has_dash: false,
        review_due: None,
        restricted: None,
        community: None,
        taken_by: None,
        concern: None,
    };
    let event = ctx.event(&Actor::public(), AuditCode::SubmissionReceived, "x", "");
    ctx.store()
        .create_submission(&s, None, event, None, &[])
        .await
        .unwrap();
    s
}

async fn codes(ctx: &Context, code: AuditCode) -> Vec<peel_core::audit::AuditEntry> {
    ctx.store()
        .audit_entries(&AuditQuery {
            event: Some(code),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn the_owning_team_reads_and_another_team_only_with_a_reason() {
    let (_test, ctx) = context().await;
    let own = officer(1, "central-intake", &[Role::NeighbourhoodOfficer]);
    let other = officer(2, "central-online", &[Role::NeighbourhoodOfficer]);
    let s = stored(&ctx, &[&own, &other]).await;

    let viewed = view(&ctx, &own, s.id, Via::Page).await.unwrap();
    assert_eq!(viewed.access, Access::Granted);
    assert!(viewed.may_change && viewed.may_move);
    assert_eq!(codes(&ctx, AuditCode::SubmissionViewed).await.len(), 1);

    assert!(matches!(
        view(&ctx, &other, s.id, Via::Api).await,
        Err(ServiceError::Denied(Denied::ReasonRequired))
    ));
    assert_eq!(codes(&ctx, AuditCode::AccessDenied).await.len(), 1);

    let stated = other.clone().with_reason(Some("same suspect"));
    let viewed = view(&ctx, &stated, s.id, Via::Api).await.unwrap();
    assert_eq!(viewed.access, Access::WithReason);
    assert!(!viewed.may_change && !viewed.may_move);
    let entries = codes(&ctx, AuditCode::SubmissionViewedWithReason).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].event.justification, "same suspect");
    let reads = ctx
        .store()
        .reads_with_reason(&[TeamId::intake()], NOW - time::Duration::days(1))
        .await
        .unwrap();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].username, "officer2");

    // With a reason or without, another team changes nothing.
    assert!(matches!(
        changes::add_note(&ctx, &stated, s.id, NoteKind::Internal, "mine now").await,
        Err(ServiceError::Denied(Denied::OtherTeam))
    ));
    assert!(ctx.store().notes(s.id).await.unwrap().is_empty());
    assert!(matches!(
        view(
            &ctx,
            &own,
            SubmissionId(uuid::Uuid::from_u128(99)),
            Via::Page
        )
        .await,
        Err(ServiceError::NotFound)
    ));
}

#[tokio::test]
async fn a_queue_and_the_supervisors_page_name_what_they_show() {
    let (_test, ctx) = context().await;
    let own = officer(1, "central-intake", &[Role::NeighbourhoodOfficer]);
    let mut supervisor = officer(3, "central-online", &[Role::Supervisor]);
    supervisor.supervises = vec![TeamId::intake()];
    let s = stored(&ctx, &[&own, &supervisor]).await;
    let filter = QueueFilter {
        team: TeamId::intake(),
        stage: None,
        category: None,
        received_after: None,
        now: NOW,
        limit: 50,
        offset: 0,
    };
    let shown = queue(&ctx, &own, &filter).await.unwrap();
    assert_eq!((shown.submissions.len(), shown.total), (1, 1));
    let entries = codes(&ctx, AuditCode::QueueViewed).await;
    assert_eq!(entries[0].event.subject, "team:central-intake");
    assert!(entries[0].event.detail.contains(&s.reference.to_string()));

    let page = escalations(&ctx, &supervisor).await.unwrap();
    assert_eq!(page.teams, vec![team("central-online"), TeamId::intake()]);
    assert!(
        codes(&ctx, AuditCode::EscalationsViewed).await[0]
            .event
            .subject
            .contains("team:central-intake")
    );
    assert!(matches!(
        escalations(&ctx, &own).await,
        Err(ServiceError::Denied(Denied::RoleNotAllowed))
    ));
}

#[tokio::test]
async fn a_change_that_needs_putting_right_says_which_field() {
    let (_test, ctx) = context().await;
    let own = officer(1, "central-intake", &[Role::NeighbourhoodOfficer]);
    let s = stored(&ctx, &[&own]).await;
    match changes::reassign(&ctx, &own, s.id, "central-online", " ").await {
        Err(ServiceError::Invalid { field, .. }) => assert_eq!(field, "reason"),
        other => panic!("{other:?}"),
    }
    match changes::reassign(&ctx, &own, s.id, "nowhere", "why").await {
        Err(ServiceError::Invalid { field, .. }) => assert_eq!(field, "team"),
        other => panic!("{other:?}"),
    }
    let moved = changes::reassign(&ctx, &own, s.id, "central-online", "online part")
        .await
        .unwrap();
    assert_eq!(moved, TeamId::online());
    let after = ctx.store().submission(s.id).await.unwrap().unwrap();
    assert_eq!(after.team, TeamId::online());
}
