//! Crime statistics (issue 19, begun): the public files Peel measures against, read into typed
//! rows. No IO: callers hand in the bytes of a file and get rows back, each problem named by
//! its line, and nothing already read is lost to a bad row.

pub mod harm;
pub mod interval;
pub mod measure;
pub mod met_wide;
pub mod open_data;
pub mod own;
pub mod pas;
pub mod police_uk;
pub mod priority;
