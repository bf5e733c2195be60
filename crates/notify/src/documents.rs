//! Splitting what arrives into JSON documents: a file or a request body may hold one MISP event
//! or STIX bundle, pretty-printed over many lines, or many of them as JSON Lines, or both one
//! after another. Each top-level object or array is one document, found by its brackets (strings
//! and their escapes respected), numbered by the line it starts on and bounded by
//! [`crate::MAX_DOCUMENT_BYTES`]; anything else outside a document runs to the end of its line
//! and is handed on as a document of its own, so that the reader refuses it with its reason and
//! the documents after it are still read.
//!
//! Hand-rolled rather than `serde_json::StreamDeserializer`, which stops at the first document
//! that does not parse: here one bad line of JSON Lines costs that line alone. A document never
//! closed swallows what follows it (its brackets never balance) and is refused whole at the end.

use crate::MAX_DOCUMENT_BYTES;

/// A document: the line it starts on (from 1) and its bytes, or `None` when it was longer than
/// the bound (its bytes dropped as they came).
pub type Document = (u64, Option<Vec<u8>>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    /// Between documents.
    #[default]
    Between,
    /// Inside an object or array, `depth` brackets deep.
    Inside,
    /// Inside a string in a document.
    InString,
    /// Just after a backslash in a string.
    Escaped,
    /// In text that is not a document, up to the end of its line.
    Stray,
}

/// Splits pieces of a body into documents as they arrive, holding at most one document.
#[derive(Debug)]
pub struct DocumentSplitter {
    limit: usize,
    state: State,
    depth: u32,
    line: u64,
    start: u64,
    current: Vec<u8>,
    too_long: bool,
}

impl Default for DocumentSplitter {
    fn default() -> DocumentSplitter {
        DocumentSplitter::with_limit(MAX_DOCUMENT_BYTES)
    }
}

impl DocumentSplitter {
    /// A splitter with another bound than [`MAX_DOCUMENT_BYTES`] (for tests).
    pub fn with_limit(limit: usize) -> DocumentSplitter {
        DocumentSplitter {
            limit,
            state: State::Between,
            depth: 0,
            line: 1,
            start: 1,
            current: Vec::new(),
            too_long: false,
        }
    }

    /// Feeds the next piece; returns the documents it completed.
    pub fn feed(&mut self, piece: &[u8]) -> Vec<Document> {
        let mut out = Vec::new();
        for &byte in piece {
            match self.state {
                State::Between => {
                    if byte.is_ascii_whitespace() {
                        self.newline(byte);
                        continue;
                    }
                    self.start = self.line;
                    self.state = if byte == b'{' || byte == b'[' {
                        self.depth = 1;
                        State::Inside
                    } else {
                        State::Stray
                    };
                    self.push(byte);
                }
                State::Inside => {
                    self.push(byte);
                    self.newline(byte);
                    match byte {
                        b'"' => self.state = State::InString,
                        b'{' | b'[' => self.depth = self.depth.saturating_add(1),
                        b'}' | b']' => {
                            self.depth = self.depth.saturating_sub(1);
                            if self.depth == 0 {
                                out.push(self.take());
                            }
                        }
                        _ => {}
                    }
                }
                State::InString => {
                    self.push(byte);
                    self.newline(byte);
                    match byte {
                        b'\\' => self.state = State::Escaped,
                        b'"' => self.state = State::Inside,
                        _ => {}
                    }
                }
                State::Escaped => {
                    self.push(byte);
                    self.newline(byte);
                    self.state = State::InString;
                }
                State::Stray => {
                    if byte == b'\n' {
                        self.newline(byte);
                        out.push(self.take());
                    } else {
                        self.push(byte);
                    }
                }
            }
        }
        out
    }

    /// The body has ended: the document it ended inside, if any.
    pub fn finish(mut self) -> Option<Document> {
        (self.state != State::Between).then(|| self.take())
    }

    fn newline(&mut self, byte: u8) {
        if byte == b'\n' {
            self.line += 1;
        }
    }

    fn push(&mut self, byte: u8) {
        if self.too_long {
            return;
        }
        if self.current.len() >= self.limit {
            self.too_long = true;
            self.current = Vec::new();
        } else {
            self.current.push(byte);
        }
    }

    fn take(&mut self) -> Document {
        self.state = State::Between;
        self.depth = 0;
        let bytes = std::mem::take(&mut self.current);
        let whole = !std::mem::take(&mut self.too_long);
        let bytes = whole.then(|| {
            let mut bytes = bytes;
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            bytes
        });
        (self.start, bytes)
    }
}

/// Every document of a whole body.
pub fn documents(body: &[u8]) -> Vec<Document> {
    let mut splitter = DocumentSplitter::default();
    let mut out = splitter.feed(body);
    out.extend(splitter.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn streamed(body: &[u8], cuts: &[usize], limit: usize) -> Vec<Document> {
        let mut splitter = DocumentSplitter::with_limit(limit);
        let mut out = Vec::new();
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (body.len() + 1)).collect();
        cuts.sort_unstable();
        let mut from = 0;
        for cut in cuts.into_iter().chain([body.len()]) {
            out.extend(splitter.feed(body.get(from..cut.max(from)).unwrap_or_default()));
            from = cut.max(from);
        }
        out.extend(splitter.finish());
        out
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<i64>().prop_map(Value::from),
            ".*".prop_map(Value::from),
            Just(json!("a \"quoted\" } ] { [ \\ string")),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::btree_map(".{0,6}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn document() -> impl Strategy<Value = Value> {
        prop_oneof![
            proptest::collection::btree_map(".{0,6}", value(), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            proptest::collection::vec(value(), 0..3).prop_map(Value::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Documents written one after another, pretty or as JSON Lines, however the body is
        /// cut into pieces, come back as themselves, each numbered by the line it starts on.
        #[test]
        fn documents_come_back_whole_however_the_body_is_cut(
            docs in proptest::collection::vec((document(), any::<bool>()), 0..5),
            cuts in proptest::collection::vec(any::<usize>(), 0..8),
        ) {
            let mut body = String::new();
            let mut starts = Vec::new();
            for (doc, pretty) in &docs {
                starts.push(body.matches('\n').count() as u64 + 1);
                let text = if *pretty {
                    serde_json::to_string_pretty(doc).unwrap()
                } else {
                    doc.to_string()
                };
                body.push_str(&text);
                body.push_str("\r\n");
            }
            let found = streamed(body.as_bytes(), &cuts, MAX_DOCUMENT_BYTES);
            prop_assert_eq!(found.len(), docs.len());
            for (((line, bytes), (doc, _)), start) in found.iter().zip(&docs).zip(&starts) {
                let bytes = bytes.as_deref().unwrap();
                let back: Value = serde_json::from_slice(bytes).unwrap();
                prop_assert_eq!(&back, doc);
                prop_assert_eq!(line, start);
            }
        }

        /// Whatever bytes arrive, the splitter ends and holds at most its bound.
        #[test]
        fn any_bytes_are_split_within_the_bound(
            body in proptest::collection::vec(any::<u8>(), 0..400),
            cuts in proptest::collection::vec(any::<usize>(), 0..4),
        ) {
            for (_, bytes) in streamed(&body, &cuts, 64) {
                prop_assert!(bytes.is_none_or(|b| b.len() <= 64));
            }
        }
    }

    #[test]
    fn a_bad_line_costs_that_line_alone() {
        let body = b"{\"a\": 1}\nnot json at all\n  {\"b\": \"}\"}\n\n[1, 2]";
        let found = documents(body);
        let text: Vec<(u64, String)> = found
            .into_iter()
            .map(|(line, b)| (line, String::from_utf8(b.unwrap()).unwrap()))
            .collect();
        assert_eq!(
            text,
            vec![
                (1, "{\"a\": 1}".to_owned()),
                (2, "not json at all".to_owned()),
                (3, "{\"b\": \"}\"}".to_owned()),
                (5, "[1, 2]".to_owned()),
            ]
        );
    }

    #[test]
    fn a_document_over_the_bound_is_refused_and_the_next_still_read() {
        let big = format!("{{\"x\": \"{}\"}}\n{{\"y\": 1}}", "z".repeat(100));
        let found = streamed(big.as_bytes(), &[], 50);
        assert_eq!(found, vec![(1, None), (2, Some(b"{\"y\": 1}".to_vec()))]);
    }

    #[test]
    fn a_document_never_closed_is_handed_on_at_the_end() {
        assert_eq!(
            documents(b"{\"a\": [1,"),
            vec![(1, Some(b"{\"a\": [1,".to_vec()))]
        );
        assert!(documents(b"  \n\t ").is_empty());
    }
}
