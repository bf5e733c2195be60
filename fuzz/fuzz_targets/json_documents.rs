//! Splitting a body into JSON documents: any bytes, cut anywhere, never panic, every document is
//! within the bound, and cutting the body into pieces changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_notify::documents::{DocumentSplitter, documents};

fuzz_target!(|data: &[u8]| {
    let whole = documents(data);
    let mut splitter = DocumentSplitter::default();
    let mut pieces = Vec::new();
    for piece in data.chunks(7) {
        pieces.extend(splitter.feed(piece));
    }
    pieces.extend(splitter.finish());
    assert_eq!(whole, pieces);
    for (_, bytes) in &whole {
        assert!(bytes.as_ref().is_none_or(|b| b.len() <= peel_notify::MAX_DOCUMENT_BYTES));
    }
});
