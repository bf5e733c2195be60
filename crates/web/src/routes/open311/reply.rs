//! Open311's two formats: every answer, errors included, is JSON or XML as the path's suffix
//! asks (`services.json`, `services.xml`), the XML written from the same value by the Spark
//! convention the specification uses (a list is an element holding one element per item,
//! named in the singular).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

/// The format a path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.json`.
    Json,
    /// `.xml`.
    Xml,
}

impl Format {
    /// A path segment split into its name and format (`drugs.xml`), or `None` without one.
    pub fn split(segment: &str) -> Option<(&str, Format)> {
        if let Some(name) = segment.strip_suffix(".json") {
            Some((name, Format::Json))
        } else {
            segment.strip_suffix(".xml").map(|name| (name, Format::Xml))
        }
    }

    /// The format of a path by its ending (JSON when it has neither).
    pub fn of_path(path: &str) -> Format {
        if path.ends_with(".xml") {
            Format::Xml
        } else {
            Format::Json
        }
    }
}

/// An item's element name inside a list element (the specification's names).
fn singular(list: &str) -> &str {
    match list {
        "service_requests" => "request",
        "services" => "service",
        "errors" => "error",
        "endpoints" => "endpoint",
        "formats" => "format",
        "attributes" => "attribute",
        "values" => "value",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold are left out rather than breaking the document.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
}

fn element(name: &str, value: &Value, out: &mut String) {
    match value {
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
            return;
        }
        Value::Array(items) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for item in items {
                element(singular(name), item, out);
            }
        }
        Value::Object(fields) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (key, field) in fields {
                element(key, field, out);
            }
        }
        Value::String(text) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            escape(text, out);
        }
        Value::Bool(_) | Value::Number(_) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            out.push_str(&value.to_string());
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// `value` as an XML document whose root element is `root`.
pub fn xml(root: &str, value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(root, value, &mut out);
    out.push('\n');
    out
}

/// An answer in `format`: JSON as it is (fields in their order), XML under `root`.
pub fn reply(format: Format, status: StatusCode, root: &str, value: &impl Serialize) -> Response {
    let (body, content_type) = match format {
        Format::Json => (
            serde_json::to_string(value).unwrap_or_default(),
            "application/json; charset=utf-8",
        ),
        Format::Xml => (
            xml(root, &serde_json::to_value(value).unwrap_or(Value::Null)),
            "text/xml; charset=utf-8",
        ),
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The specification's error list, `[{code, description}]` (`<errors><error>…`).
pub fn error(format: Format, status: StatusCode, description: &str) -> Response {
    let list = serde_json::json!([{"code": status.as_u16(), "description": description}]);
    reply(format, status, "errors", &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_elements_of_their_items_and_text_is_escaped() {
        let value = serde_json::json!([{"service_code": "drugs", "keywords": "a & <b>", "metadata": false, "account_id": null}]);
        assert_eq!(
            xml("services", &value),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><account_id/><keywords>a &amp; &lt;b&gt;</keywords><metadata>false</metadata><service_code>drugs</service_code></service></services>\n"
        );
        let discovery =
            serde_json::json!({"endpoints": [{"formats": ["text/xml", "application/json"]}]});
        assert!(xml("discovery", &discovery).contains(
            "<endpoints><endpoint><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints>"
        ));
        assert!(!xml("x", &serde_json::json!("a\u{1}b")).contains('\u{1}'));
    }

    #[test]
    fn a_path_says_its_format() {
        assert_eq!(Format::split("drugs.xml"), Some(("drugs", Format::Xml)));
        assert_eq!(
            Format::split("7KQM-3X9P-D.json"),
            Some(("7KQM-3X9P-D", Format::Json))
        );
        assert_eq!(Format::split("drugs"), None);
        assert_eq!(Format::of_path("/open311/v2/nothing.xml"), Format::Xml);
    }
}
