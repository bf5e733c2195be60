//! Splitting a body into lines under the bound, whether it arrives whole or in pieces, or for
//! MISP and STIX into documents ([`peel_notify::documents`]).

use peel_notify::MAX_LINE_BYTES;
use peel_notify::documents::DocumentSplitter;

use super::Format;

/// The splitting a format needs: lines for the Peel format (and CSV, read by its own reader),
/// documents for MISP and STIX. The command line and the API split the same way.
#[derive(Debug)]
pub enum Splitter {
    /// JSON Lines.
    Lines(LineSplitter),
    /// Whole documents, one or many.
    Documents(DocumentSplitter),
}

impl Splitter {
    /// The splitter for `format`.
    pub fn for_format(format: Format) -> Splitter {
        match format {
            Format::Misp | Format::Stix => Splitter::Documents(DocumentSplitter::default()),
            Format::Peel | Format::Csv => Splitter::Lines(LineSplitter::default()),
        }
    }

    /// Feeds the next piece; returns what it completed, each with its (first) line number.
    pub fn feed(&mut self, piece: &[u8]) -> Vec<(u64, Option<Vec<u8>>)> {
        match self {
            Splitter::Lines(lines) => lines.feed(piece),
            Splitter::Documents(documents) => documents.feed(piece),
        }
    }

    /// The body has ended: what it ended inside, if anything.
    pub fn finish(self) -> Option<(u64, Option<Vec<u8>>)> {
        match self {
            Splitter::Lines(lines) => lines.finish(),
            Splitter::Documents(documents) => documents.finish(),
        }
    }
}

/// Splits a body into lines with the bound: each line's bytes, or `None` for one too long.
pub fn lines(body: &[u8]) -> impl Iterator<Item = Option<&[u8]>> {
    let trimmed = body.strip_suffix(b"\n").unwrap_or(body);
    let empty = trimmed.is_empty() && body.is_empty();
    trimmed
        .split(|b| *b == b'\n')
        .filter(move |_| !empty)
        .map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            (line.len() <= MAX_LINE_BYTES).then_some(line)
        })
}

/// Splits a body that arrives in pieces into the same lines as [`lines`], numbered from 1,
/// holding at most one line (up to `MAX_LINE_BYTES`) however large the body: a longer line is
/// reported as `None` and its bytes are dropped as they come. Blank lines are counted but not
/// returned (the importer passes over them), so a body of nothing but newlines costs nothing.
#[derive(Debug, Default)]
pub struct LineSplitter {
    line: u64,
    partial: Vec<u8>,
    /// The current line is already too long; its bytes are dropped until its end.
    skipping: bool,
    /// Whether any byte has arrived (an empty body has no lines).
    started: bool,
}

impl LineSplitter {
    /// Feeds the next piece; returns the lines it completed, with their numbers.
    pub fn feed(&mut self, mut piece: &[u8]) -> Vec<(u64, Option<Vec<u8>>)> {
        let mut out = Vec::new();
        self.started |= !piece.is_empty();
        while !piece.is_empty() {
            if self.partial.is_empty() && !self.skipping {
                // A run of empty lines is counted at once.
                let blank = piece.iter().take_while(|b| **b == b'\n').count();
                self.line += blank as u64;
                piece = piece.get(blank..).unwrap_or_default();
                if piece.is_empty() {
                    break;
                }
            }
            let (head, rest, ended) = match piece.iter().position(|b| *b == b'\n') {
                Some(at) => (
                    piece.get(..at).unwrap_or_default(),
                    piece.get(at + 1..).unwrap_or_default(),
                    true,
                ),
                None => (piece, &[][..], false),
            };
            if !self.skipping {
                self.partial.extend_from_slice(head);
                // A line too long even before its carriage return is dropped now.
                if self.partial.len() > MAX_LINE_BYTES + 1 {
                    self.partial = Vec::new();
                    self.skipping = true;
                }
            }
            if ended {
                out.extend(self.take());
            }
            piece = rest;
        }
        out
    }

    /// The body has ended: the last line, when it did not end with a newline.
    pub fn finish(mut self) -> Option<(u64, Option<Vec<u8>>)> {
        if self.started && (self.skipping || !self.partial.is_empty()) {
            self.take()
        } else {
            None
        }
    }

    fn take(&mut self) -> Option<(u64, Option<Vec<u8>>)> {
        self.line += 1;
        let skipped = std::mem::take(&mut self.skipping);
        let mut line = std::mem::take(&mut self.partial);
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if !skipped && line.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some((
            self.line,
            (!skipped && line.len() <= MAX_LINE_BYTES).then_some(line),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn whole(body: &[u8]) -> Vec<(u64, Option<Vec<u8>>)> {
        lines(body)
            .enumerate()
            .filter(|(_, l)| !l.is_some_and(|l| l.iter().all(u8::is_ascii_whitespace)))
            .map(|(at, l)| (at as u64 + 1, l.map(<[u8]>::to_vec)))
            .collect()
    }

    fn streamed(body: &[u8], cuts: &[usize]) -> Vec<(u64, Option<Vec<u8>>)> {
        let mut splitter = LineSplitter::default();
        let mut out = Vec::new();
        let mut from = 0;
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (body.len() + 1)).collect();
        cuts.sort_unstable();
        for cut in cuts.into_iter().chain([body.len()]) {
            out.extend(splitter.feed(&body[from..cut.max(from)]));
            from = cut.max(from);
        }
        out.extend(splitter.finish());
        out
    }

    fn segment() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            4 => proptest::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..20),
            1 => (MAX_LINE_BYTES - 1..MAX_LINE_BYTES + 3).prop_map(|n| vec![b'x'; n]),
            1 => Just(b"\r".to_vec()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// However a body is cut into pieces, the streamed lines are the lines of the whole.
        #[test]
        fn streamed_lines_are_the_lines_of_the_whole(
            segments in proptest::collection::vec(segment(), 0..6),
            crlf in any::<bool>(),
            trailing in any::<bool>(),
            cuts in proptest::collection::vec(any::<usize>(), 0..8),
        ) {
            let sep: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut body = segments.join(sep);
            if trailing && !body.is_empty() {
                body.extend_from_slice(sep);
            }
            prop_assert_eq!(streamed(&body, &cuts), whole(&body));
        }
    }

    #[test]
    fn blank_lines_are_counted_not_returned() {
        assert!(streamed(b"", &[]).is_empty());
        assert!(streamed(b"\n\n \r\n", &[]).is_empty());
        assert_eq!(
            streamed(b"a\r\n\nbc", &[1, 2, 4]),
            vec![(1, Some(b"a".to_vec())), (3, Some(b"bc".to_vec()))]
        );
    }
}
