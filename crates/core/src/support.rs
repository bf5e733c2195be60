//! Where a reporter can get support, suited to what they reported, shown after they send it.
//!
//! Only numbers Peel can vouch for are listed: every one is in the bundled warning list of UK
//! public services and helplines (`crates/link/assets/warninglists/uk-public-services.json`),
//! or is one of the short codes that list's description names (999, 101, 159, 116 123). A test
//! checks each number against that file, so none can be added here without being added there.

use crate::submission::Category;

/// A helpline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Helpline {
    /// Its stable id, which names its description in the page's language (`support-{id}`).
    pub id: &'static str,
    /// Its name, which is the same in every language.
    pub name: &'static str,
    /// The number to call.
    pub number: &'static str,
}

const VICTIM_SUPPORT: Helpline = Helpline {
    id: "victim-support",
    name: "Victim Support",
    number: "0808 168 9111",
};
const DOMESTIC_ABUSE: Helpline = Helpline {
    id: "domestic-abuse",
    name: "National Domestic Abuse Helpline",
    number: "0808 2000 247",
};
const NSPCC: Helpline = Helpline {
    id: "nspcc",
    name: "NSPCC",
    number: "0808 800 5000",
};
const ACTION_FRAUD: Helpline = Helpline {
    id: "action-fraud",
    name: "Action Fraud",
    number: "0300 123 2040",
};
const STOP_SCAMS: Helpline = Helpline {
    id: "stop-scams",
    name: "Stop Scams UK",
    number: "159",
};
const SAMARITANS: Helpline = Helpline {
    id: "samaritans",
    name: "Samaritans",
    number: "116 123",
};

/// The helplines for a report of `category`, most specific first; Victim Support for every
/// victim; Samaritans when what happened mentions a risk to someone's life.
pub fn helplines(category: Category, risk_to_life: bool) -> Vec<Helpline> {
    let mut lines = match category {
        Category::DomesticAbuse => vec![DOMESTIC_ABUSE],
        Category::Fraud => vec![STOP_SCAMS, ACTION_FRAUD],
        Category::OnlineAbuse => vec![NSPCC],
        _ => Vec::new(),
    };
    lines.push(VICTIM_SUPPORT);
    if risk_to_life {
        lines.push(SAMARITANS);
    }
    lines
}

/// Every helpline, for the test and the translations.
pub const ALL: [Helpline; 6] = [
    VICTIM_SUPPORT,
    DOMESTIC_ABUSE,
    NSPCC,
    ACTION_FRAUD,
    STOP_SCAMS,
    SAMARITANS,
];

#[cfg(test)]
mod tests {
    use super::*;

    const WARNING_LIST: &str =
        include_str!("../../link/assets/warninglists/uk-public-services.json");

    #[test]
    fn every_number_is_one_the_bundled_warning_list_vouches_for() {
        for line in ALL {
            assert!(
                WARNING_LIST.contains(&format!("\"{}\"", line.number))
                    || WARNING_LIST.contains(&format!(" {},", line.number))
                    || WARNING_LIST.contains(&format!(" {})", line.number)),
                "{} {} is not in the warning list",
                line.name,
                line.number
            );
        }
    }

    #[test]
    fn domestic_abuse_leads_with_its_helpline_and_every_victim_gets_victim_support() {
        let lines = helplines(Category::DomesticAbuse, false);
        assert_eq!(lines[0].id, "domestic-abuse");
        assert!(lines.iter().any(|l| l.id == "victim-support"));
        assert!(lines.iter().all(|l| l.id != "samaritans"));
        let fraud = helplines(Category::Fraud, false);
        assert_eq!(fraud[0].number, "159");
        assert!(
            helplines(Category::Burglary, true)
                .iter()
                .any(|l| l.id == "samaritans")
        );
    }
}
