//! Charts and maps as SVG made on the server (issue 19): no JavaScript, a title and a
//! description for assistive technology, and always a data table beside them on the page,
//! so that nothing is shown only by shape or colour.

use std::fmt::Write;

/// Text made safe inside SVG (and HTML) markup.
fn escape(text: &str) -> String {
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

/// A bar per month: `bars` are (label, value) in order; `id` makes the title's and
/// description's ids unique on the page.
pub fn bars(id: &str, title: &str, description: &str, bars: &[(String, f64)]) -> String {
    let (width, height, left, bottom) = (640.0, 240.0, 48.0, 28.0);
    let top = bars.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let scale_top = nice_ceiling(top);
    let plot_height = height - bottom - 8.0;
    let slot = if bars.is_empty() {
        0.0
    } else {
        (width - left - 8.0) / bars.len() as f64
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" focusable="false"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
    // Axis and its top and middle values.
    for fraction in [0.0, 0.5, 1.0] {
        let y = 8.0 + plot_height * (1.0 - fraction);
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#505a5f" stroke-width="0.5"/><text x="{}" y="{:.1}" text-anchor="end" font-size="11" fill="#0b0c0c">{}</text>"##,
            width - 8.0,
            left - 4.0,
            y + 4.0,
            format_number(scale_top * fraction)
        );
    }
    let label_every = (bars.len() / 8).max(1);
    for (i, (label, value)) in bars.iter().enumerate() {
        let bar_height = if scale_top > 0.0 {
            plot_height * value / scale_top
        } else {
            0.0
        };
        let x = left + slot * i as f64 + slot * 0.15;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{bar_height:.1}" fill="#1d70b8"/>"##,
            8.0 + plot_height - bar_height,
            slot * 0.7
        );
        if i % label_every == 0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{}" text-anchor="middle" font-size="11" fill="#0b0c0c">{}</text>"##,
                x + slot * 0.35,
                height - 10.0,
                escape(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The smallest 1, 2 or 5 times a power of ten at or above `value`.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= value)
        .unwrap_or(value)
}

/// A number for an axis or a table: whole numbers with thousands separators, others to one
/// decimal place.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = if value.abs() >= 100.0 || value.fract() == 0.0 {
        format!("{:.0}", value)
    } else {
        format!("{:.1}", value)
    };
    let (whole, fraction) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// The five shades of the map, lightest (least harm) first; each darker step is told apart
/// by the key and the table as well as by colour.
pub const SHADES: [&str; 5] = ["#f3f2f1", "#c6d9ec", "#8eb8e5", "#2f78c4", "#003078"];

/// A ward on a map.
pub struct MapWard {
    /// The outline's path data.
    pub path: String,
    /// (min x, min y, max x, max y).
    pub bounds: (f64, f64, f64, f64),
    /// Where its link goes.
    pub href: String,
    /// What its link says: the ward and its figure.
    pub label: String,
    /// Its figure; `None` when there is none (no residents, no harm table).
    pub value: Option<f64>,
    /// Drawn with a heavy outline (the ward the page is about).
    pub current: bool,
}

/// The map's key: each shade (by its index in [`SHADES`], styled `.shade-N`) with the range of
/// values it stands for.
pub fn map_key(wards: &[MapWard]) -> Vec<(usize, String)> {
    let breaks = breaks(wards);
    SHADES
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let low = if i == 0 {
                0.0
            } else {
                breaks.get(i - 1).copied().unwrap_or(0.0)
            };
            let text = match breaks.get(i) {
                Some(high) => format!("{} – {}", format_number(low), format_number(*high)),
                None => format!("≥ {}", format_number(low)),
            };
            (i, text)
        })
        .collect()
}

/// The values at which each shade ends: the quintiles of the wards' values.
fn breaks(wards: &[MapWard]) -> Vec<f64> {
    let mut values: Vec<f64> = wards.iter().filter_map(|w| w.value).collect();
    values.sort_by(f64::total_cmp);
    (1..SHADES.len())
        .filter_map(|q| values.get(values.len() * q / SHADES.len()).copied())
        .collect()
}

/// A map of wards, each a link with its name and figure, shaded by quintile.
pub fn map(id: &str, title: &str, description: &str, wards: &[MapWard]) -> String {
    let breaks = breaks(wards);
    let bounds = wards.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |b, w| {
            (
                b.0.min(w.bounds.0),
                b.1.min(w.bounds.1),
                b.2.max(w.bounds.2),
                b.3.max(w.bounds.3),
            )
        },
    );
    let (w, h) = (bounds.2 - bounds.0, bounds.3 - bounds.1);
    let mut svg = String::new();
    if !w.is_finite() || !h.is_finite() {
        return svg;
    }
    let stroke = (w.max(h) / 600.0).max(0.5);
    let _ = write!(
        svg,
        r#"<svg class="map" viewBox="{} {} {w} {h}" role="group" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        bounds.0,
        bounds.1,
        escape(title),
        escape(description)
    );
    let mut current = String::new();
    for ward in wards {
        let shade = match ward.value {
            None => "#ffffff",
            Some(v) => SHADES
                .get(breaks.iter().filter(|b| v > **b).count())
                .copied()
                .unwrap_or("#003078"),
        };
        let _ = write!(
            svg,
            r##"<a href="{}" aria-label="{}"><path d="{}" fill="{shade}" stroke="#505a5f" stroke-width="{stroke:.1}" fill-rule="evenodd"><title>{}</title></path></a>"##,
            escape(&ward.href),
            escape(&ward.label),
            ward.path,
            escape(&ward.label)
        );
        if ward.current {
            let _ = write!(
                current,
                r##"<path d="{}" fill="none" stroke="#d4351c" stroke-width="{:.1}" aria-hidden="true"/>"##,
                ward.path,
                stroke * 5.0
            );
        }
    }
    svg.push_str(&current);
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(format_number(849_409.0), "849,409");
        assert_eq!(format_number(12.34), "12.3");
        assert_eq!(format_number(244.68), "245");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(-1500.0), "-1,500");
    }

    #[test]
    fn charts_escape_their_words_and_scale_to_a_round_top() {
        let svg = bars(
            "c",
            "Crimes <by month>",
            "a & b",
            &[("Jan".into(), 13.0), ("Feb".into(), 0.0)],
        );
        assert!(svg.contains("<title id=\"c-title\">Crimes &lt;by month&gt;</title>"));
        assert!(svg.contains("a &amp; b"));
        assert!(svg.contains(">20<"), "{svg}");
        assert_eq!(nice_ceiling(13.0), 20.0);
        assert_eq!(nice_ceiling(480.0), 500.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }

    #[test]
    fn maps_shade_by_quintile_and_mark_the_current_ward() {
        let ward = |n: f64, current: bool| MapWard {
            path: "M0 0L1 0L1 1Z".into(),
            bounds: (0.0, 0.0, 1.0 + n, 1.0),
            href: format!("/wards/{n}"),
            label: format!("Ward {n}"),
            value: Some(n),
            current,
        };
        let wards: Vec<MapWard> = (0..10).map(|n| ward(f64::from(n), n == 3)).collect();
        let svg = map("m", "Harm", "By ward", &wards);
        assert!(svg.contains(SHADES[0]) && svg.contains(SHADES[4]), "{svg}");
        assert_eq!(svg.matches("#d4351c").count(), 1);
        assert_eq!(svg.matches("<a href=").count(), 10);
        let key = map_key(&wards);
        assert_eq!(key.len(), 5);
        assert_eq!(key[0].1, "0 – 2");
        assert_eq!(key[4].1, "≥ 8");
        assert!(map("e", "t", "d", &[]).is_empty());
    }
}
