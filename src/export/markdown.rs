//! The report as Markdown: headings, the headline as a quote, pipe tables.
use crate::domain::lang::Lang;
use crate::export::report::{Report, TextTable};
use std::fmt::Write;

/// Cell text that cannot break the table or turn into markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, table: &TextTable, empty: &str) {
    if table.rows.is_empty() {
        let _ = writeln!(out, "{empty}\n");
        return;
    }
    let _ = writeln!(
        out,
        "| {} |",
        table
            .headers
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(
        out,
        "|{}|",
        table
            .numeric
            .iter()
            .map(|n| if *n { "---:" } else { "---" })
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in &table.rows {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    out.push('\n');
}

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let none = lang.pick("（无）", "(none)");
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.fair_name));
    let _ = writeln!(out, "> {}\n", escape(&report.headline));
    let _ = writeln!(out, "{}\n", escape(&report.note));
    let sections: [(&str, &str, &TextTable); 5] = [
        ("主要数据", "Key figures", &report.figures),
        ("按技术领域", "By technology field", &report.by_field),
        ("按受让方地区", "By buyer region", &report.by_region),
        ("按合同类型", "By contract type", &report.by_contract_type),
        ("签约项目", "Agreements signed", &report.agreements),
    ];
    for (zh, en, t) in sections {
        let _ = writeln!(out, "## {}\n", lang.pick(zh, en));
        table(&mut out, t, none);
    }
    let _ = writeln!(out, "## {}\n", lang.pick("展方", "Exhibitors"));
    for e in &report.exhibitors {
        let _ = writeln!(out, "### {} {}\n", escape(&e.code), escape(&e.name));
        let _ = writeln!(out, "{}\n", escape(&e.details));
        let _ = writeln!(out, "{}\n", escape(&e.figures));
        for (zh, en, t) in [
            ("成果", "Achievements", &e.achievements),
            ("意向企业", "Interested enterprises", &e.interests),
            ("签约", "Agreements", &e.agreements),
        ] {
            let _ = writeln!(out, "#### {}\n", lang.pick(zh, en));
            table(&mut out, t, none);
        }
    }
    if lang == Lang::Zh {
        out.push_str("---\n由 fairdesk 生成\n");
    } else {
        out.push_str("---\nMade by fairdesk\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_tables_or_inject_markup() {
        assert_eq!(escape("a|b\nc"), "a\\|b c");
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("稀土永磁"), "稀土永磁");
    }
}
