//! People and vetted volunteer panels: vetting clearances with scope, expiry and aftercare,
//! the skills taxonomy, training needs, Special Constable eligibility, and matching tasks to
//! people with the reasons for each rank and each exclusion. Pure, like the rest of the core.

pub mod abstraction;
pub mod application;
pub mod eligibility;
pub mod matching;
pub mod skills;
pub mod task;
pub mod training;
pub mod vetting;
