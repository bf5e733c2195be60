//! Routing a submission on arrival: to its ward's Safer Neighbourhood Team, or to a central
//! queue with the reason stated.

/// Where a submission turned out to be, once the channel has looked its location up.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// In a current ward.
    Ward {
        /// GSS code.
        ward_code: String,
        /// Ward name.
        ward_name: String,
        /// Borough name.
        borough: String,
        /// How the ward was found, for the reason (for example "postcode SW1A 2AA").
        how: String,
    },
    /// A place outside the force area.
    OutsideForceArea {
        /// What was given.
        given: String,
    },
    /// A valid postcode that is not in London.
    PostcodeNotInLondon {
        /// The postcode.
        postcode: String,
    },
    /// An address line without a postcode: a person must place it.
    AddressOnly,
    /// A postcode in a London district that the postcode file does not hold (new, or missing):
    /// a person must place it, never "not in London" (finding L-6).
    PostcodeNotInFile {
        /// The postcode.
        postcode: String,
    },
    /// It happened online.
    Online,
    /// Geography has not been imported, so nothing can be placed yet.
    NoGeography,
}

/// Where a submission goes, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    /// The ward, when there is one.
    pub ward_code: Option<String>,
    /// The ward's name.
    pub ward_name: Option<String>,
    /// The borough's name.
    pub borough: Option<String>,
    /// The team whose queue it joins.
    pub team_id: String,
    /// That team's name.
    pub team_name: String,
    /// Why, in a sentence.
    pub reason: String,
}

/// The central queue for crime that happened online.
pub const ONLINE_TEAM: &str = "central-online";
/// The central queue for submissions that a person must place first.
pub const INTAKE_TEAM: &str = "central-intake";
/// The central fraud team, whose queue holds alerts from organisations' notifications.
pub const FRAUD_TEAM: &str = "central-fraud";
/// The central safeguarding team: specialists in domestic abuse, sexual and violent offences
/// and hate crime, who may read those reports from every team.
pub const SAFEGUARDING_TEAM: &str = "central-safeguarding";

/// The Safer Neighbourhood Team of a ward.
pub fn ward_team_id(ward_code: &str) -> String {
    format!("snt-{ward_code}")
}

/// The name of a ward's Safer Neighbourhood Team.
pub fn ward_team_name(ward_name: &str) -> String {
    format!("{ward_name} Safer Neighbourhood Team")
}

/// The name of a central team.
pub fn central_team_name(team_id: &str) -> &'static str {
    match team_id {
        ONLINE_TEAM => "Online crime team (central)",
        FRAUD_TEAM => "Fraud team (central)",
        SAFEGUARDING_TEAM => "Safeguarding team (central)",
        _ => "Central intake team",
    }
}

/// Routes a placement.
pub fn route(placement: &Placement) -> Routing {
    let central = |team_id: &str, reason: String| Routing {
        ward_code: None,
        ward_name: None,
        borough: None,
        team_id: team_id.to_owned(),
        team_name: central_team_name(team_id).to_owned(),
        reason,
    };
    match placement {
        Placement::Ward {
            ward_code,
            ward_name,
            borough,
            how,
        } => Routing {
            ward_code: Some(ward_code.clone()),
            ward_name: Some(ward_name.clone()),
            borough: Some(borough.clone()),
            team_id: ward_team_id(ward_code),
            team_name: ward_team_name(ward_name),
            reason: format!("{how} is in {ward_name} ward, {borough}"),
        },
        Placement::Online => central(
            ONLINE_TEAM,
            "It happened online, so it goes to the central online crime team".to_owned(),
        ),
        Placement::OutsideForceArea { given } => central(
            INTAKE_TEAM,
            format!(
                "{given} is outside London, so the central team will pass it to the right force"
            ),
        ),
        Placement::PostcodeNotInLondon { postcode } => central(
            INTAKE_TEAM,
            format!(
                "Postcode {postcode} is not in London, so the central team will pass it to the right force"
            ),
        ),
        Placement::AddressOnly => central(
            INTAKE_TEAM,
            "Only an address was given, so the central team will find the ward".to_owned(),
        ),
        Placement::PostcodeNotInFile { postcode } => central(
            INTAKE_TEAM,
            format!(
                "Postcode {postcode} is in a London district but not in the postcode file, so the central team will find the ward"
            ),
        ),
        Placement::NoGeography => central(
            INTAKE_TEAM,
            "London geography has not been imported yet, so the central team will find the ward"
                .to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ward_placement_goes_to_its_safer_neighbourhood_team() {
        let routing = route(&Placement::Ward {
            ward_code: "E05013806".into(),
            ward_name: "St. James's".into(),
            borough: "Westminster".into(),
            how: "Postcode SW1A 2AA".into(),
        });
        assert_eq!(routing.team_id, "snt-E05013806");
        assert_eq!(routing.team_name, "St. James's Safer Neighbourhood Team");
        assert_eq!(
            routing.reason,
            "Postcode SW1A 2AA is in St. James's ward, Westminster"
        );
    }

    #[test]
    fn online_reports_go_to_the_central_online_team_and_say_so() {
        let routing = route(&Placement::Online);
        assert_eq!(routing.team_id, ONLINE_TEAM);
        assert_eq!(routing.ward_code, None);
        assert!(routing.reason.contains("online"));
    }

    #[test]
    fn places_outside_london_go_to_the_central_intake_team() {
        let routing = route(&Placement::PostcodeNotInLondon {
            postcode: "OX1 1DP".into(),
        });
        assert_eq!(routing.team_id, INTAKE_TEAM);
        assert!(routing.reason.contains("not in London"));
    }
}
