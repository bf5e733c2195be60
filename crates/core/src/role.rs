//! The roles of DESIGN.md that a signed-in account can hold.
//!
//! Members of the public need no account, and notifying organisations are machine clients with
//! API keys, so neither is a role here.

use std::collections::BTreeSet;

/// One role; an account holds one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A trusted intermediary (pharmacist, teacher, faith leader) who files concern notes.
    Intermediary,
    /// Takes calls and assists members of the public to report.
    ContactHandler,
    /// Neighbourhood officer or PCSO in a Safer Neighbourhood Team.
    NeighbourhoodOfficer,
    /// Supervises a team: assigns work, sees escalations.
    Supervisor,
    /// A vetted volunteer.
    Volunteer,
    /// Grants, reviews and suspends vetting clearances.
    VettingOfficer,
    /// A practitioner in a partner organisation (NHS, council, school).
    PartnerPractitioner,
    /// Works with aggregate and pseudonymised data.
    Analyst,
    /// Auditor or data protection officer: reads the audit trail.
    Auditor,
    /// Manages accounts, roles and keys.
    Administrator,
}

impl Role {
    /// Every role, in a stable order.
    pub const ALL: [Role; 10] = [
        Role::Intermediary,
        Role::ContactHandler,
        Role::NeighbourhoodOfficer,
        Role::Supervisor,
        Role::Volunteer,
        Role::VettingOfficer,
        Role::PartnerPractitioner,
        Role::Analyst,
        Role::Auditor,
        Role::Administrator,
    ];

    /// The stable machine name, used in the store, the CLI and the API.
    pub fn slug(self) -> &'static str {
        match self {
            Role::Intermediary => "intermediary",
            Role::ContactHandler => "contact_handler",
            Role::NeighbourhoodOfficer => "neighbourhood_officer",
            Role::Supervisor => "supervisor",
            Role::Volunteer => "volunteer",
            Role::VettingOfficer => "vetting_officer",
            Role::PartnerPractitioner => "partner_practitioner",
            Role::Analyst => "analyst",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Intermediary => "Trusted intermediary",
            Role::ContactHandler => "Contact handler",
            Role::NeighbourhoodOfficer => "Neighbourhood officer or PCSO",
            Role::Supervisor => "Supervisor",
            Role::Volunteer => "Volunteer",
            Role::VettingOfficer => "Vetting officer",
            Role::PartnerPractitioner => "Partner practitioner",
            Role::Analyst => "Analyst",
            Role::Auditor => "Auditor or data protection officer",
            Role::Administrator => "Administrator",
        }
    }

    /// Parses a slug; hyphens are accepted in place of underscores.
    pub fn parse(text: &str) -> Option<Role> {
        let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL.into_iter().find(|role| role.slug() == wanted)
    }

    /// Whether this role belongs to the force itself rather than to a partner or the community.
    pub fn is_force_staff(self) -> bool {
        matches!(
            self,
            Role::ContactHandler
                | Role::NeighbourhoodOfficer
                | Role::Supervisor
                | Role::VettingOfficer
                | Role::Analyst
                | Role::Auditor
                | Role::Administrator
        )
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// A non-empty set of roles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleSet(BTreeSet<Role>);

impl RoleSet {
    /// An empty set: an account with no roles can sign in but do nothing else.
    pub fn empty() -> Self {
        Self(BTreeSet::new())
    }

    /// Whether the set holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether any role in the set is force staff.
    pub fn any_force_staff(&self) -> bool {
        self.0.iter().any(|role| role.is_force_staff())
    }

    /// The roles in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Comma-separated slugs, as stored and shown.
    pub fn to_slugs(&self) -> String {
        self.iter().map(Role::slug).collect::<Vec<_>>().join(",")
    }

    /// Parses comma-separated slugs; an unknown slug is an error naming it.
    pub fn parse_slugs(text: &str) -> Result<RoleSet, String> {
        let mut roles = BTreeSet::new();
        for part in text
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            match Role::parse(part) {
                Some(role) => {
                    roles.insert(role);
                }
                None => return Err(format!("unknown role '{part}'")),
            }
        }
        Ok(RoleSet(roles))
    }
}

impl FromIterator<Role> for RoleSet {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_parses_back_to_its_role() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.slug()), Some(role));
        }
    }

    #[test]
    fn hyphens_and_case_are_accepted() {
        assert_eq!(Role::parse("Vetting-Officer"), Some(Role::VettingOfficer));
    }

    #[test]
    fn an_unknown_role_is_named_in_the_error() {
        let err = RoleSet::parse_slugs("auditor,chief").unwrap_err();
        assert!(err.contains("chief"));
    }

    #[test]
    fn slugs_round_trip_through_a_set() {
        let roles: RoleSet = [Role::Auditor, Role::Administrator].into_iter().collect();
        assert_eq!(RoleSet::parse_slugs(&roles.to_slugs()).unwrap(), roles);
    }
}
