//! The report as one self-contained HTML file (styles inline, no scripts, no outside
//! resources) that reads on screen and prints well: tables repeat their header on each
//! printed page and each exhibitor starts a new page.
use crate::export::report::{Report, TextTable};
use std::fmt::Write;

const STYLE: &str = r#"
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
       margin: 2em auto; max-width: 72em; padding: 0 1em; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #2f5597; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
h4 { font-size: 1em; margin: 1em 0 0.3em; color: #2f5597; }
blockquote { font-size: 1.15em; border-left: 4px solid #2f5597; margin: 1em 0; padding: 0.4em 1em; background: #f3f6fb; }
.note, .details { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #c8cfd8; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #e8eef7; }
td.num, th.num { text-align: right; white-space: nowrap; }
.none { color: #888; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  section.exhibitor { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Text safe inside HTML elements and attributes.
pub fn escape(text: &str) -> String {
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

fn table(out: &mut String, table: &TextTable, empty: &str) {
    if table.rows.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", escape(empty));
        return;
    }
    let class = |numeric: bool| if numeric { " class=\"num\"" } else { "" };
    out.push_str("<table>\n<thead><tr>");
    for (h, n) in table.headers.iter().zip(&table.numeric) {
        let _ = write!(out, "<th{}>{}</th>", class(*n), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (cell, n) in row.iter().zip(&table.numeric) {
            let _ = write!(out, "<td{}>{}</td>", class(*n), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let none = lang.pick("（无）", "(none)");
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        escape(&report.fair_name)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&report.fair_name));
    let _ = writeln!(
        out,
        "<blockquote class=\"headline\">{}</blockquote>",
        escape(&report.headline)
    );
    let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&report.note));
    let sections: [(&str, &str, &TextTable); 5] = [
        ("主要数据", "Key figures", &report.figures),
        ("按技术领域", "By technology field", &report.by_field),
        ("按受让方地区", "By buyer region", &report.by_region),
        ("按合同类型", "By contract type", &report.by_contract_type),
        ("签约项目", "Agreements signed", &report.agreements),
    ];
    for (zh, en, t) in sections {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", lang.pick(zh, en));
        table(&mut out, t, none);
        out.push_str("</section>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2>", lang.pick("展方", "Exhibitors"));
    for e in &report.exhibitors {
        let _ = writeln!(
            out,
            "<section class=\"exhibitor\">\n<h3>{} {}</h3>\n<p class=\"details\">{}</p>\n<p>{}</p>",
            escape(&e.code),
            escape(&e.name),
            escape(&e.details),
            escape(&e.figures)
        );
        for (zh, en, t) in [
            ("成果", "Achievements", &e.achievements),
            ("意向企业", "Interested enterprises", &e.interests),
            ("签约", "Agreements", &e.agreements),
        ] {
            let _ = writeln!(out, "<h4>{}</h4>", lang.pick(zh, en));
            table(&mut out, t, none);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<b>\"甲\" & '乙'</b>"),
            "&lt;b&gt;&quot;甲&quot; &amp; &#39;乙&#39;&lt;/b&gt;"
        );
    }
}
