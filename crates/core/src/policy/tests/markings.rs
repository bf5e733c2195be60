//! TLP 2.0 as an access rule, for everything derived from a notification.

use super::*;

fn item(marking: Marking, named: Vec<UserId>) -> Resource {
    Resource::Item {
        marking,
        owning_organisation: org(FORCE),
        named_recipients: named,
    }
}

fn partner() -> Actor {
    Actor {
        principal: Principal::User(SOMEONE_ELSE),
        roles: [PartnerPractitioner].into_iter().collect(),
        organisation: Some(org("nhs-trust")),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
        reason: None,
    }
}

#[test]
fn clear_items_are_open_to_everyone() {
    assert_eq!(
        authorize(
            &Actor::public(),
            Action::ViewItem,
            &item(Marking::Clear, vec![])
        ),
        Ok(Access::Granted)
    );
}

#[test]
fn green_items_are_for_the_community_never_the_public() {
    let resource = item(Marking::Green, vec![]);
    assert_eq!(
        authorize(&partner(), Action::ViewItem, &resource),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(&Actor::public(), Action::ViewItem, &resource),
        Err(Denied::NotSignedIn)
    );
}

#[test]
fn amber_strict_stays_inside_the_owning_organisation_unless_disclosed_by_name() {
    let resource = item(Marking::AmberStrict, vec![]);
    assert!(permits(
        &user(NeighbourhoodOfficer),
        Action::ViewItem,
        &resource
    ));
    assert_eq!(
        authorize(&partner(), Action::ViewItem, &resource),
        Err(Denied::MarkingForbids)
    );
    let disclosed = item(Marking::AmberStrict, vec![SOMEONE_ELSE]);
    assert!(permits(&partner(), Action::ViewItem, &disclosed));
}

#[test]
fn red_items_are_for_named_recipients_only_even_inside_the_organisation() {
    let resource = item(Marking::Red, vec![SOMEONE_ELSE]);
    assert_eq!(
        authorize(&user(Supervisor), Action::ViewItem, &resource),
        Err(Denied::MarkingForbids)
    );
    assert!(permits(&partner(), Action::ViewItem, &resource));
}
