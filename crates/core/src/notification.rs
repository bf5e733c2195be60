//! Organisations' incident notifications and the alerts they raise: the types an agreement
//! covers, how long they are kept, and where an alert stands.

pub mod retention;

use crate::slug::slug_enum;

slug_enum! {
    /// What kind of incident an organisation notifies.
    pub enum NotificationType {
        /// Authorised push payment fraud.
        FraudApp = ("fraud-app", "Authorised push payment fraud"),
        /// Card fraud.
        FraudCard = ("fraud-card", "Card fraud"),
        /// Account takeover.
        FraudAccountTakeover = ("fraud-account-takeover", "Account takeover"),
        /// Investment fraud.
        FraudInvestment = ("fraud-investment", "Investment fraud"),
        /// Romance fraud.
        FraudRomance = ("fraud-romance", "Romance fraud"),
        /// Impersonation fraud (police, bank, HMRC, family member).
        FraudImpersonation = ("fraud-impersonation", "Impersonation fraud"),
        /// An account used to move the proceeds of crime.
        MoneyMule = ("money-mule", "Money mule account"),
        /// A phone number, address or profile used to contact victims.
        ScamContact = ("scam-contact", "Scam contact"),
        /// Grooming, harassment, image abuse and other harm online.
        OnlineHarm = ("online-harm", "Online harm"),
        /// Anything else.
        Other = ("other", "Other"),
    }
}

slug_enum! {
    /// Where an alert on the fraud team's queue stands.
    pub enum AlertStatus {
        /// Raised, or added to since it was last handled; no one has taken it.
        Open = ("open", "Open"),
        /// Someone on the fraud team has taken it.
        Taken = ("taken", "Taken"),
        /// Dealt with.
        Closed = ("closed", "Closed"),
    }
}
