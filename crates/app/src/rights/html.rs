//! A subject access export as a page the person can read: one self-contained HTML file, no
//! scripts, no outside resources, headings in order, everything escaped.

use std::fmt::Write;

use super::{Entry, HeldReport, SubjectExport};

/// Text made safe for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn entries(out: &mut String, heading: &str, list: &[Entry]) {
    let _ = write!(out, "<h3>{}</h3>", esc(heading));
    if list.is_empty() {
        out.push_str("<p>None.</p>");
        return;
    }
    out.push_str("<ul>");
    for e in list {
        let _ = write!(
            out,
            "<li><p><strong>{}</strong>, {}</p><p class=\"text\">{}</p></li>",
            esc(&e.kind),
            esc(&e.at),
            esc(&e.text)
        );
    }
    out.push_str("</ul>");
}

fn report(out: &mut String, r: &HeldReport) {
    let _ = write!(out, "<section><h2>Report {}</h2><dl>", esc(&r.reference));
    let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "Not given".to_owned());
    for (term, value) in [
        ("Received", r.received.clone()),
        ("How it came in", r.channel.clone()),
        ("What kind of thing happened", r.category.clone()),
        ("When it happened", r.when.clone()),
        ("Where", r.place.clone()),
        ("Your name", optional(&r.contact.name)),
        ("Your email", optional(&r.contact.email)),
        ("Your phone", optional(&r.contact.phone)),
        ("Where it stands", r.stage.clone()),
        ("Case", optional(&r.case)),
        ("Next reviewed for retention", optional(&r.review_due)),
    ] {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(&value));
    }
    out.push_str("</dl>");
    let _ = write!(
        out,
        "<h3>What you told us</h3><p class=\"text\">{}</p>",
        esc(&r.what_happened)
    );
    out.push_str("<h3>How to contact you safely</h3>");
    if r.safe_contact.is_empty() {
        out.push_str("<p>No preferences given.</p>");
    } else {
        out.push_str("<ul>");
        for line in &r.safe_contact {
            let _ = write!(out, "<li>{}</li>", esc(line));
        }
        out.push_str("</ul>");
    }
    entries(out, "Notes and updates", &r.notes);
    entries(out, "Messages", &r.messages);
    out.push_str("<h3>Links to other reports</h3>");
    if r.links.is_empty() {
        out.push_str("<p>None.</p>");
    } else {
        out.push_str(
            "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Links\"><table><thead><tr><th scope=\"col\">Shared</th><th scope=\"col\">Value</th>\
             <th scope=\"col\">Found in</th><th scope=\"col\">Linked to</th></tr></thead><tbody>",
        );
        for l in &r.links {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&l.kind),
                esc(&l.value),
                esc(&l.found_in),
                esc(&l.to)
            );
        }
        out.push_str("</tbody></table></div>");
    }
    entries(out, "Evidence files", &r.evidence);
    out.push_str("</section>");
}

/// The export as one HTML page.
pub fn render(export: &SubjectExport) -> String {
    let mut out = String::from(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Information we hold about you</title><style>\
         body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:1rem auto;\
         padding:0 1rem;color:#0b0c0c}dt{font-weight:700}dd{margin:0 0 .5rem}\
         .text{white-space:pre-wrap}.scroll{overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid #505a5f;\
         padding:.25rem .5rem;text-align:left}</style></head><body><main>\
         <h1>Information we hold about you</h1>",
    );
    let _ = write!(
        out,
        "<p>This answers your request received on {} (our reference {}). We must answer by {}. \
         It was produced on {}.</p>",
        esc(&export.request.received),
        esc(&export.request.id),
        esc(&export.request.due),
        esc(&export.produced_at)
    );
    out.push_str("<p>We searched for:</p><ul>");
    for (what, value) in [
        ("Email", &export.searched_for.email),
        ("Phone", &export.searched_for.phone),
        ("Name", &export.searched_for.name),
    ] {
        if let Some(value) = value {
            let _ = write!(out, "<li>{}: {}</li>", what, esc(value));
        }
    }
    out.push_str("</ul>");
    if export.reports.is_empty() {
        out.push_str("<p>We hold no reports with these details.</p>");
    }
    for r in &export.reports {
        report(&mut out, r);
    }
    let _ = write!(
        out,
        "<section><h2>Information we may withhold</h2><p>{}</p>",
        esc(export.withholding)
    );
    out.push_str("</section><section><h2>Your rights</h2><ul>");
    for line in &export.your_rights {
        let _ = write!(out, "<li>{}</li>", esc(line));
    }
    out.push_str("</ul></section></main></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_what_people_wrote_is_shown_as_text() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
