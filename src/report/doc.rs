//! One report, two renderings: the report's sections are built once as a document (headings,
//! paragraphs, fields, tables, lists, charts) and written out as Markdown or as self-contained
//! HTML. A section added to the document appears in both.

use std::fmt::Write as _;

use crate::sim::metrics::Outcome;
use crate::view::Tone;

/// A run of text with its emphasis.
#[derive(Debug, Clone, Default)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub code: bool,
    /// Good or bad for civilians (coloured in HTML).
    pub tone: Option<Tone>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
    pub fn strong(text: impl Into<String>) -> Span {
        Span {
            strong: true,
            ..Span::plain(text)
        }
    }
    pub fn code(text: impl Into<String>) -> Span {
        Span {
            code: true,
            ..Span::plain(text)
        }
    }
    pub fn toned(text: impl Into<String>, tone: Tone) -> Span {
        Span {
            tone: Some(tone),
            ..Span::plain(text)
        }
    }
}

/// A table cell: its text, whether it is a number (right-aligned in HTML) and an HTML class.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub num: bool,
    pub class: Option<&'static str>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            spans: vec![Span::plain(text)],
            ..Cell::default()
        }
    }
    pub fn num(text: impl Into<String>) -> Cell {
        Cell {
            num: true,
            ..Cell::text(text)
        }
    }
    pub fn spans(spans: Vec<Span>) -> Cell {
        Cell {
            spans,
            ..Cell::default()
        }
    }
    pub fn class(mut self, class: &'static str) -> Cell {
        self.class = Some(class);
        self
    }
}

/// A table row, with an optional HTML class (the timeline colours injects and notes).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub class: Option<&'static str>,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { class: None, cells }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Paragraph(Vec<Span>),
    Quote(String),
    /// Two-column key/value table.
    Fields(Vec<(String, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
    },
    List(Vec<String>),
    /// The charted outcomes: PNG links in Markdown, inline SVG in HTML.
    Charts(Vec<Outcome>),
    Footer(String),
}

/// A report as a list of blocks under a title.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn md_spans(spans: &[Span], in_table: bool) -> String {
    spans
        .iter()
        .map(|s| {
            let text = if in_table {
                md_cell(&s.text)
            } else {
                s.text.clone()
            };
            if s.code {
                format!("`{text}`")
            } else if s.strong {
                format!("**{text}**")
            } else {
                text
            }
        })
        .collect()
}

fn html_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let mut t = esc(&s.text);
            if s.code {
                t = format!("<code>{t}</code>");
            }
            if s.strong {
                t = format!("<b>{t}</b>");
            }
            match s.tone {
                Some(Tone::Good) => format!("<span class=\"good\">{t}</span>"),
                Some(Tone::Bad) => format!("<span class=\"bad\">{t}</span>"),
                Some(Tone::Neutral) => format!("<span class=\"same\">{t}</span>"),
                None => t,
            }
        })
        .collect()
}

impl Document {
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n", self.title);
        for block in &self.blocks {
            match block {
                Block::Heading(h) => {
                    let _ = writeln!(out, "## {h}\n");
                }
                Block::Paragraph(spans) => {
                    let _ = writeln!(out, "{}\n", md_spans(spans, false));
                }
                Block::Quote(q) => {
                    let _ = writeln!(out, "> {q}\n");
                }
                Block::Fields(fields) => {
                    out.push_str("| | |\n| --- | --- |\n");
                    for (k, v) in fields {
                        let _ = writeln!(out, "| {} | {} |", md_cell(k), md_cell(v));
                    }
                    out.push('\n');
                }
                Block::Table { header, rows } => {
                    let cells: Vec<String> = header.iter().map(|h| md_cell(h)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
                    for row in rows {
                        let cells: Vec<String> =
                            row.cells.iter().map(|c| md_spans(&c.spans, true)).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        let _ = writeln!(out, "- {item}");
                    }
                    out.push('\n');
                }
                Block::Charts(outcomes) => {
                    for o in outcomes {
                        let _ = writeln!(out, "![{}](chart-{}.png)\n", o.name(), o.name());
                    }
                }
                Block::Footer(text) => {
                    let _ = writeln!(out, "---\n{text}");
                }
            }
        }
        out
    }

    /// Self-contained HTML; `svgs` are the charts drawn inline.
    pub fn html(&self, svgs: &[(Outcome, String)]) -> String {
        self.html_in(svgs, "en")
    }

    /// Self-contained HTML in language `lang` (its `lang` attribute, for hyphenation and
    /// screen readers).
    pub fn html_in(&self, svgs: &[(Outcome, String)], lang: &str) -> String {
        let title = esc(&self.title);
        let lang = esc(lang);
        let mut out = format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <title>{title}</title><style>{CSS}</style></head><body><h1>{title}</h1>"
        );
        for block in &self.blocks {
            match block {
                Block::Heading(h) => {
                    let _ = write!(out, "<h2>{}</h2>", esc(h));
                }
                Block::Paragraph(spans) => {
                    let _ = write!(out, "<p>{}</p>", html_spans(spans));
                }
                Block::Quote(q) => {
                    let _ = write!(out, "<blockquote>{}</blockquote>", esc(q));
                }
                Block::Fields(fields) => {
                    out.push_str("<table class=\"kv\">");
                    for (k, v) in fields {
                        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
                    }
                    out.push_str("</table>");
                }
                Block::Table { header, rows } => html_table(&mut out, header, rows),
                Block::List(items) => {
                    out.push_str("<ul>");
                    for item in items {
                        let _ = write!(out, "<li>{}</li>", esc(item));
                    }
                    out.push_str("</ul>");
                }
                Block::Charts(_) => {
                    out.push_str("<div class=\"charts\">");
                    for (o, svg) in svgs {
                        let _ = write!(
                            out,
                            "<figure>{svg}<figcaption>{}</figcaption></figure>",
                            o.name()
                        );
                    }
                    out.push_str("</div>");
                }
                Block::Footer(text) => {
                    let _ = write!(out, "<footer>{}</footer>", esc(text));
                }
            }
        }
        out.push_str("</body></html>");
        out
    }
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1a1a1a;line-height:1.45}\
h1{font-size:1.9em}h2{margin-top:1.6em;border-bottom:2px solid #ddd;padding-bottom:.2em}\
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.95em}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}\
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}.kv th{width:12em}\
.good{color:#0b7a5a;font-weight:600}.bad{color:#b34700;font-weight:600}.same{color:#777}\
tr.inject td{background:#eef5fb}tr.note td{background:#fbf7e8}tr.event td{color:#555}\
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1em}figure{margin:0}figcaption{text-align:center;font-size:.9em;color:#444}\
blockquote{border-left:4px solid #ccc;margin:1em 0;padding:.2em 1em;color:#333}footer{margin-top:2em;color:#777;font-size:.85em}";

/// A table as HTML: header cells, then each row with its class and its cells' classes.
fn html_table(out: &mut String, header: &[String], rows: &[Row]) {
    out.push_str("<table><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr>");
    for row in rows {
        match row.class {
            Some(c) => {
                let _ = write!(out, "<tr class=\"{c}\">");
            }
            None => out.push_str("<tr>"),
        }
        for cell in &row.cells {
            let classes: Vec<&str> = cell
                .num
                .then_some("num")
                .into_iter()
                .chain(cell.class)
                .collect();
            if classes.is_empty() {
                out.push_str("<td>");
            } else {
                let _ = write!(out, "<td class=\"{}\">", classes.join(" "));
            }
            out.push_str(&html_spans(&cell.spans));
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        Document {
            title: "After-action report: A <b> & C".into(),
            blocks: vec![
                Block::Heading("1. Overview".into()),
                Block::Fields(vec![("Seed".into(), "7".into())]),
                Block::Paragraph(vec![Span::plain("Ratings: "), Span::strong("P")]),
                Block::Table {
                    header: vec!["outcome".into(), "gap".into()],
                    rows: vec![Row::new(vec![
                        Cell::text("civilians_harmed | all"),
                        Cell::spans(vec![
                            Span::toned("-12%", Tone::Good),
                            Span::plain(" / "),
                            Span::toned("=", Tone::Neutral),
                        ]),
                    ])],
                },
                Block::List(vec!["one".into()]),
            ],
        }
    }

    #[test]
    fn markdown_and_html_render_the_same_blocks() {
        let d = sample();
        let md = d.markdown();
        assert_eq!(
            md,
            "# After-action report: A <b> & C\n\n## 1. Overview\n\n| | |\n| --- | --- |\n\
             | Seed | 7 |\n\nRatings: **P**\n\n| outcome | gap |\n| --- | --- |\n\
             | civilians_harmed \\| all | -12% / = |\n\n- one\n\n"
        );
        let html = d.html(&[]);
        assert!(html.contains("<title>After-action report: A &lt;b&gt; &amp; C</title>"));
        assert!(
            html.contains("<h2>1. Overview</h2><table class=\"kv\"><tr><th>Seed</th><td>7</td>")
        );
        assert!(html.contains("<p>Ratings: <b>P</b></p>"));
        assert!(
            html.contains(
                "<td><span class=\"good\">-12%</span> / <span class=\"same\">=</span></td>"
            )
        );
        assert!(html.ends_with("<ul><li>one</li></ul></body></html>"));
    }
}
