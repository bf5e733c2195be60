//! The gazetteer over the real London data in `../shared/data/geography`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod official_layouts;
mod real_data;
