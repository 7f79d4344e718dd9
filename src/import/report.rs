//! What an import did or would do, row by row, in the user's language: each bad row with
//! its row number, column and reason; the organizations created; the columns ignored.
use crate::domain::error::{FieldError, field_label};
use crate::domain::lang::Lang;
use crate::import::columns::ImportKind;
use crate::import::decode::TextEncoding;
use crate::import::sheet::SheetRow;
use std::path::{Path, PathBuf};

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number the spreadsheet shows.
    pub row: usize,
    /// The column's header as written in the file (when the file has that column).
    pub column: Option<String>,
    pub error: FieldError,
}

impl RowProblem {
    /// `第5行「统一社会信用代码」：…` / `row 5, column “credit_code”: …`.
    pub fn message(&self, lang: Lang) -> String {
        let column = self
            .column
            .clone()
            .unwrap_or_else(|| field_label(self.error.field, lang).to_string());
        let problem = self.error.problem.message(lang);
        match lang {
            Lang::Zh => format!("第{}行「{column}」：{problem}", self.row),
            Lang::En => format!("row {}, column “{column}”: {problem}", self.row),
        }
    }
}

/// An organization the import created (or would create) for the rows naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedOrg {
    pub name: String,
    /// Its code once written; `None` in a dry run or an import that wrote nothing.
    pub code: Option<String>,
    pub first_row: usize,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub file: PathBuf,
    pub encoding: Option<TextEncoding>,
    /// The header row's cells, as written.
    pub headers: Vec<String>,
    /// Data rows read (blank rows not counted).
    pub rows_read: usize,
    /// Rows that passed every check.
    pub good_rows: usize,
    /// (row, code) of each record written.
    pub imported: Vec<(usize, String)>,
    pub created_orgs: Vec<CreatedOrg>,
    pub ignored_columns: Vec<String>,
    pub problems: Vec<RowProblem>,
    /// The bad rows as read, for the rejected-rows file.
    pub rejected: Vec<SheetRow>,
    /// Whether anything was written.
    pub written: bool,
}

impl ImportReport {
    pub fn bad_rows(&self) -> usize {
        self.rejected.len()
    }

    /// The problems of one row, joined.
    fn row_messages(&self, row: usize, lang: Lang) -> String {
        self.problems
            .iter()
            .filter(|p| p.row == row)
            .map(|p| {
                let column = p
                    .column
                    .clone()
                    .unwrap_or_else(|| field_label(p.error.field, lang).to_string());
                format!(
                    "{column}{}{}",
                    lang.pick("：", ": "),
                    p.error.problem.message(lang)
                )
            })
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    }

    /// Every problem, one line each.
    pub fn problem_lines(&self, lang: Lang) -> Vec<String> {
        self.problems.iter().map(|p| p.message(lang)).collect()
    }

    /// The closing lines: what was (or would be) written, created and ignored.
    pub fn summary_lines(&self, lang: Lang, dry_run: bool) -> Vec<String> {
        let kind = self.kind.label(lang);
        let mut lines = Vec::new();
        let encoding = self
            .encoding
            .map(|e| format!(" ({})", e.label()))
            .unwrap_or_default();
        lines.push(match lang {
            Lang::Zh => format!(
                "{}{encoding}：读取 {} 行，合格 {} 行，有问题 {} 行",
                self.file.display(),
                self.rows_read,
                self.good_rows,
                self.bad_rows()
            ),
            Lang::En => format!(
                "{}{encoding}: {} rows read, {} good, {} with problems",
                self.file.display(),
                self.rows_read,
                self.good_rows,
                self.bad_rows()
            ),
        });
        if !self.ignored_columns.is_empty() {
            let columns = self.ignored_columns.join(lang.pick("、", ", "));
            lines.push(match lang {
                Lang::Zh => format!("已忽略无法识别的列：{columns}"),
                Lang::En => format!("columns ignored (not recognised): {columns}"),
            });
        }
        if !self.created_orgs.is_empty() {
            // A long list is cut: the first names, then how many more.
            const SHOWN: usize = 10;
            let mut names = self
                .created_orgs
                .iter()
                .take(SHOWN)
                .map(|o| match &o.code {
                    Some(code) => format!("{}（{code}）", o.name),
                    None => o.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            let n = self.created_orgs.len();
            if n > SHOWN {
                names.push_str(&match lang {
                    Lang::Zh => format!(" 等（另 {} 家）", n - SHOWN),
                    Lang::En => format!(" and {} more", n - SHOWN),
                });
            }
            lines.push(match (lang, self.written) {
                (Lang::Zh, true) => format!("新建单位 {n} 家：{names}"),
                (Lang::Zh, false) => format!("将新建单位 {n} 家：{names}"),
                (Lang::En, true) => format!("{n} new organizations created: {names}"),
                (Lang::En, false) => format!("{n} new organizations would be created: {names}"),
            });
        }
        let n = self.imported.len();
        lines.push(if self.written {
            let range = match (self.imported.first(), self.imported.last()) {
                (Some((_, first)), Some((_, last))) if first != last => format!(" {first}–{last}"),
                (Some((_, only)), _) => format!(" {only}"),
                _ => String::new(),
            };
            match lang {
                Lang::Zh => format!("已导入{kind} {n} 条{range}"),
                Lang::En => format!("{n} {kind} imported{range}"),
            }
        } else if dry_run {
            match lang {
                Lang::Zh => format!("试运行：未写入任何数据（可导入 {} 条）", self.good_rows),
                Lang::En => format!(
                    "dry run: nothing was written ({} rows could be imported)",
                    self.good_rows
                ),
            }
        } else {
            lang.pick(
                "未写入任何数据：请修正以上各行后重新导入，或用 --skip-bad 只导入合格的行",
                "nothing was written: fix the rows above and import again, or use --skip-bad to import the good rows only",
            )
            .to_string()
        });
        lines
    }

    /// Writes the bad rows as they were read, with their row number and problems, to a
    /// CSV (UTF-8 with BOM, so Excel shows Chinese) that can be fixed and imported again.
    pub fn write_rejected(&self, path: &Path, lang: Lang) -> std::io::Result<()> {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::from(*b"\xEF\xBB\xBF"));
        let mut header: Vec<String> = self.headers.iter().map(|h| h.trim().to_string()).collect();
        header.push(lang.pick("原行号", "source_row").to_string());
        header.push(lang.pick("问题", "problems").to_string());
        writer
            .write_record(&header)
            .map_err(std::io::Error::other)?;
        for row in &self.rejected {
            let mut cells: Vec<String> = (0..self.headers.len())
                .map(|i| {
                    crate::export::cells::neutralize(row.cells.get(i).map_or("", String::as_str))
                        .into_owned()
                })
                .collect();
            cells.push(row.number.to_string());
            cells.push(
                crate::export::cells::neutralize(&self.row_messages(row.number, lang)).into_owned(),
            );
            writer.write_record(&cells).map_err(std::io::Error::other)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        crate::export::atomic::write_bytes(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::Problem;

    #[test]
    fn a_problem_names_row_and_column_in_both_languages() {
        let p = RowProblem {
            row: 5,
            column: Some("统一社会信用代码".into()),
            error: FieldError::new("holder_credit_code", Problem::Required),
        };
        assert_eq!(p.message(Lang::Zh), "第5行「统一社会信用代码」：必填");
        assert_eq!(
            p.message(Lang::En),
            "row 5, column “统一社会信用代码”: required"
        );
    }
}
