//! The terms of a STIX 2.1 pattern (STIX 2.1 part 9): each comparison of an object path with a
//! value, in the observation (`[ … ]`) it belongs to, whatever `AND`, `OR`, `FOLLOWEDBY`,
//! parentheses and qualifiers join them. The mappers keep the exact ones (`=`, `IN`, and
//! `ISSUBSET` for networks) as indicators and refuse the rest by value.

/// How a term compares its path with its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`.
    Equal,
    /// `IN ( … )`.
    In,
    /// `ISSUBSET`: an address within a network.
    IsSubset,
    /// Anything else: `!=`, `<`, `LIKE`, `MATCHES`, `ISSUPERSET`, `EXISTS`…
    Other(&'static str),
}

/// One comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The observation it is in, counted from 0.
    pub observation: usize,
    /// Its object type (`ipv4-addr`).
    pub object: String,
    /// Its property path (`value`, `from_ref.value`, `to_refs[*].value`).
    pub property: String,
    /// How it compares.
    pub op: Op,
    /// Whether `NOT` comes before the operator.
    pub negated: bool,
    /// The values compared with, as text.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    ParenOpen,
    ParenClose,
    Comma,
    Path(String, String),
    Word(String),
    Symbol(&'static str),
    Literal(String),
}

fn tokens(pattern: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = Vec::new();
    let mut i = 0;
    // A quoted string from `i` (at its opening quote): its text and the index after it.
    let quoted = |mut i: usize| -> Result<(String, usize), String> {
        let mut text = String::new();
        i += 1;
        loop {
            match at(i) {
                None => return Err("a quoted value is not closed".into()),
                Some('\\') => {
                    text.extend(at(i + 1));
                    i += 2;
                }
                Some('\'') => return Ok((text, i + 1)),
                Some(c) => {
                    text.push(c);
                    i += 1;
                }
            }
        }
    };
    while let Some(c) = at(i) {
        match c {
            c if c.is_whitespace() => i += 1,
            '[' => {
                out.push(Token::Open);
                i += 1;
            }
            ']' => {
                out.push(Token::Close);
                i += 1;
            }
            '(' => {
                out.push(Token::ParenOpen);
                i += 1;
            }
            ')' => {
                out.push(Token::ParenClose);
                i += 1;
            }
            ',' => {
                out.push(Token::Comma);
                i += 1;
            }
            '\'' => {
                let (text, next) = quoted(i)?;
                out.push(Token::Literal(text));
                i = next;
            }
            '=' => {
                out.push(Token::Symbol("="));
                i += 1;
            }
            '!' | '<' | '>' => {
                let symbol = match (c, at(i + 1)) {
                    ('!', Some('=')) => "!=",
                    ('<', Some('=')) => "<=",
                    ('>', Some('=')) => ">=",
                    ('<', _) => "<",
                    ('>', _) => ">",
                    _ => return Err(format!("{c:?} is not an operator")),
                };
                i += symbol.len();
                out.push(Token::Symbol(symbol));
            }
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' => {
                let begin = i;
                while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
                    i += 1;
                }
                let word: String = chars.get(begin..i).unwrap_or_default().iter().collect();
                // A typed literal: h'…', b'…', t'…'.
                if at(i) == Some('\'') && matches!(word.as_str(), "h" | "b" | "t") {
                    let (text, next) = quoted(i)?;
                    out.push(Token::Literal(text));
                    i = next;
                } else if at(i) == Some(':') {
                    // An object path: the type, then properties with `.name`, `.'quoted'`
                    // and list indexes `[0]` or `[*]`.
                    i += 1;
                    let mut property = String::new();
                    loop {
                        match at(i) {
                            Some(c) if c.is_ascii_alphanumeric() || "-_.".contains(c) => {
                                property.push(c);
                                i += 1;
                            }
                            Some('\'') if property.ends_with('.') || property.is_empty() => {
                                let (text, next) = quoted(i)?;
                                property.push('\'');
                                property.push_str(&text);
                                property.push('\'');
                                i = next;
                            }
                            Some('[') => {
                                let close = (i + 1..chars.len())
                                    .find(|j| at(*j) == Some(']'))
                                    .ok_or("a list index is not closed")?;
                                let index: String =
                                    chars.get(i..=close).unwrap_or_default().iter().collect();
                                let inner = index.trim_start_matches('[').trim_end_matches(']');
                                if inner != "*" && !inner.chars().all(|c| c.is_ascii_digit()) {
                                    return Err(format!("{index} is not a list index"));
                                }
                                property.push_str(&index);
                                i = close + 1;
                            }
                            _ => break,
                        }
                    }
                    if property.is_empty() {
                        return Err(format!("{word}: names no property"));
                    }
                    out.push(Token::Path(word, property));
                } else {
                    out.push(Token::Word(word));
                }
            }
            other => return Err(format!("{other:?} is not part of a STIX pattern")),
        }
    }
    Ok(out)
}

/// Every comparison in a pattern, or why it cannot be read.
pub fn terms(pattern: &str) -> Result<Vec<Term>, String> {
    let tokens = tokens(pattern)?;
    let mut out = Vec::new();
    let mut observation = 0_usize;
    let mut depth = 0_usize;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        match token {
            Token::Open => {
                if depth == 0 && !out.is_empty() {
                    observation += 1;
                }
                depth += 1;
            }
            Token::Close => depth = depth.saturating_sub(1),
            Token::Path(object, property) => {
                if depth == 0 {
                    return Err(format!("{object}:{property} is outside any [ … ]"));
                }
                let mut negated = false;
                if matches!(tokens.get(i), Some(Token::Word(w)) if w.eq_ignore_ascii_case("NOT")) {
                    negated = true;
                    i += 1;
                }
                let op = match tokens.get(i) {
                    Some(Token::Symbol("=")) => Op::Equal,
                    Some(Token::Symbol(s)) => Op::Other(s),
                    Some(Token::Word(w)) => match w.to_ascii_uppercase().as_str() {
                        "IN" => Op::In,
                        "ISSUBSET" => Op::IsSubset,
                        "LIKE" => Op::Other("LIKE"),
                        "MATCHES" => Op::Other("MATCHES"),
                        "ISSUPERSET" => Op::Other("ISSUPERSET"),
                        _ => return Err(format!("{w} is not a comparison")),
                    },
                    _ => return Err(format!("{object}:{property} is compared with nothing")),
                };
                i += 1;
                let mut values = Vec::new();
                if op == Op::In {
                    if tokens.get(i) != Some(&Token::ParenOpen) {
                        return Err("IN needs a list in parentheses".into());
                    }
                    i += 1;
                    loop {
                        match tokens.get(i) {
                            Some(Token::Literal(v)) | Some(Token::Word(v)) => {
                                values.push(v.clone())
                            }
                            Some(Token::Comma) => {}
                            Some(Token::ParenClose) => break,
                            _ => return Err("a list after IN is not closed".into()),
                        }
                        i += 1;
                    }
                    i += 1;
                } else {
                    match tokens.get(i) {
                        Some(Token::Literal(v)) | Some(Token::Word(v)) => values.push(v.clone()),
                        _ => return Err(format!("{object}:{property} is compared with nothing")),
                    }
                    i += 1;
                }
                out.push(Term {
                    observation,
                    object: object.clone(),
                    property: property.clone(),
                    op,
                    negated,
                    values,
                });
            }
            Token::Word(w) if w.eq_ignore_ascii_case("EXISTS") => {
                // `EXISTS path`: no value to keep.
                if matches!(tokens.get(i), Some(Token::Path(..))) {
                    i += 1;
                }
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("a [ is not closed".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(pattern: &str) -> Vec<(usize, String, String, Vec<String>)> {
        terms(pattern)
            .unwrap()
            .into_iter()
            .filter(|t| !t.negated && matches!(t.op, Op::Equal | Op::In))
            .map(|t| (t.observation, t.object, t.property, t.values))
            .collect()
    }

    #[test]
    fn every_term_of_or_and_and_is_read() {
        let found = exact(
            "[domain-name:value = 'www.webserver.dynssl.com' OR ipv4-addr:value = '113.10.246.30' \
             OR ipv4-addr:value = '219.90.112.203']",
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[2].3, vec!["219.90.112.203".to_owned()]);
        let found = exact(
            "[x-peel-bank-account:sort_code = '12-34-56' AND \
             x-peel-bank-account:account_number = '12345678'] FOLLOWEDBY \
             [url:value = 'https://x.example/it\\'s'] WITHIN 600 SECONDS",
        );
        assert_eq!(found[0].0, 0);
        assert_eq!(found[1].0, 0);
        assert_eq!(
            found[2],
            (
                1,
                "url".into(),
                "value".into(),
                vec!["https://x.example/it's".into()]
            )
        );
    }

    #[test]
    fn paths_with_lists_and_quoted_keys_and_in_lists() {
        let found = terms(
            "[email-message:to_refs[*].value IN ('a@example.com', 'b@example.com') AND \
             file:hashes.'SHA-256' = 'ef53'] AND [ipv4-addr:value ISSUBSET '198.51.100.0/24'] \
             AND [email-message:subject MATCHES '^[IMPORTANT] x'] AND \
             [ipv4-addr:value NOT = '10.0.0.1'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        )
        .unwrap();
        assert_eq!(found[0].property, "to_refs[*].value");
        assert_eq!(found[0].values.len(), 2);
        assert_eq!(found[1].property, "hashes.'SHA-256'");
        assert_eq!(found[2].op, Op::IsSubset);
        assert_eq!(found[3].op, Op::Other("MATCHES"));
        assert_eq!(found[3].values, vec!["^[IMPORTANT] x".to_owned()]);
        assert!(found[4].negated);
        assert_eq!(
            found.iter().map(|t| t.observation).collect::<Vec<_>>(),
            [0, 0, 1, 2, 3]
        );
    }

    #[test]
    fn broken_patterns_say_why() {
        for bad in [
            "[ipv4-addr:value = '1.2.3.4'",
            "[ipv4-addr:value = ]",
            "ipv4-addr:value = 'x'",
            "[a:b IN 'x']",
            "[a:b = 'x] ",
        ] {
            assert!(terms(bad).is_err(), "{bad}");
        }
    }
}
