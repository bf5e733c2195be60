//! Indicators: the phone numbers, email addresses, URLs, bank details, cards, wallets, vehicles,
//! network addresses, social handles and postcodes in what people and organisations tell us,
//! each normalised to one canonical form so that the same value written two ways is the same
//! indicator.
//!
//! [`person`] links records of people probabilistically (Fellegi-Sunter).
//!
//! Pure compute: no IO. Extraction records where in the text each value was found.

pub mod colocation;
mod correlate;
mod extract;
mod normalise;
pub mod person;
mod warning;

pub use correlate::{Added, CorrelationIndex, Earlier, PlaceId, Sighting, SourceId, is_common};
pub use extract::{Extracted, extract};
pub use normalise::{
    CardKey, Kind, card, domain_of, email, host, iban, network, phone, registrable_domain,
    sort_code_account, url, vehicle, venue,
};
pub use warning::WarningLists;
