//! Which column holds which field: headers matched by their Chinese or English names (or a
//! common variant), in any order; the header row may sit below a title row. Columns that
//! match nothing are ignored and reported.
use crate::domain::lang::Lang;
use crate::import::ImportError;
use crate::import::sheet::{Sheet, SheetRow};
use std::borrow::Cow;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ImportKind {
    Achievements,
    Organizations,
    Needs,
}

impl ImportKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ImportKind::Achievements => lang.pick("成果", "achievements"),
            ImportKind::Organizations => lang.pick("单位", "organizations"),
            ImportKind::Needs => lang.pick("技术需求", "needs"),
        }
    }

    /// The file-name stem of this kind (`achievements`).
    pub fn stem(self) -> &'static str {
        match self {
            ImportKind::Achievements => "achievements",
            ImportKind::Organizations => "organizations",
            ImportKind::Needs => "needs",
        }
    }
}

/// One expected column.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The field it fills (an `XxxInput` field, or `holder_*` / `organization_*` for the
    /// organization a row refers to).
    pub field: &'static str,
    /// The header a template and an export write, in each language.
    pub zh: &'static str,
    pub en: &'static str,
    pub required: bool,
    /// An amount of money: a plain number under a `（万元）` header means 万元.
    pub money: bool,
    /// Other spellings seen in real spreadsheets.
    pub aliases: &'static [&'static str],
}

impl ColumnSpec {
    pub fn header(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

const fn col(
    field: &'static str,
    zh: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
) -> ColumnSpec {
    ColumnSpec {
        field,
        zh,
        en,
        required: false,
        money: false,
        aliases,
    }
}

const fn required(spec: ColumnSpec) -> ColumnSpec {
    ColumnSpec {
        required: true,
        ..spec
    }
}

const fn money(spec: ColumnSpec) -> ColumnSpec {
    ColumnSpec {
        money: true,
        ..spec
    }
}

pub const ACHIEVEMENT_COLUMNS: &[ColumnSpec] = &[
    col("code", "编号", "code", &["成果编号"]),
    required(col(
        "title",
        "成果名称",
        "title",
        &["名称", "项目名称", "成果", "name", "achievement"],
    )),
    required(col(
        "holder",
        "持有单位",
        "holder",
        &[
            "成果持有单位",
            "单位名称",
            "完成单位",
            "所属单位",
            "单位",
            "holder_name",
            "organization",
        ],
    )),
    col(
        "holder_credit_code",
        "统一社会信用代码",
        "credit_code",
        &["信用代码", "持有单位统一社会信用代码", "holder_credit_code"],
    ),
    col(
        "holder_kind",
        "单位类型",
        "holder_kind",
        &["单位性质", "持有单位类型", "kind"],
    ),
    col(
        "holder_region",
        "所在地区",
        "region",
        &["地区", "所在地", "盟市", "holder_region"],
    ),
    required(col(
        "field",
        "技术领域",
        "field",
        &["领域", "所属领域", "行业领域", "technology_field"],
    )),
    col(
        "maturity",
        "成熟度",
        "maturity",
        &["成熟阶段", "技术成熟度"],
    ),
    col("trl", "技术就绪度", "trl", &["就绪度"]),
    col("patents", "知识产权", "patents", &["专利", "专利号", "ip"]),
    col(
        "transfer_modes",
        "转化方式",
        "transfer_modes",
        &["合作方式", "交易方式", "transfer_mode"],
    ),
    money(col(
        "asking_price",
        "意向价格",
        "asking_price",
        &["价格", "转让价格", "预期价格", "交易价格", "price"],
    )),
    col(
        "summary",
        "成果简介",
        "summary",
        &["简介", "项目简介", "摘要", "description"],
    ),
    col("keywords", "关键词", "keywords", &["关键字"]),
    col("booth", "展位", "booth", &["展位号"]),
];

pub const ORGANIZATION_COLUMNS: &[ColumnSpec] = &[
    col("code", "编号", "code", &["单位编号"]),
    required(col(
        "name",
        "单位名称",
        "name",
        &["名称", "企业名称", "机构名称", "organization"],
    )),
    col("kind", "单位类型", "kind", &["类型", "单位性质"]),
    col(
        "credit_code",
        "统一社会信用代码",
        "credit_code",
        &["信用代码"],
    ),
    col("region", "所在地区", "region", &["地区", "所在地", "盟市"]),
    col(
        "industry",
        "行业",
        "industry",
        &["所属行业", "所属领域", "技术领域"],
    ),
    col(
        "contact_name",
        "联系人",
        "contact_name",
        &["联系人姓名", "contact"],
    ),
    col(
        "contact_phone",
        "联系电话",
        "contact_phone",
        &["电话", "手机", "手机号", "联系方式", "phone", "mobile"],
    ),
    col(
        "contact_email",
        "电子邮箱",
        "contact_email",
        &["邮箱", "email", "e-mail"],
    ),
    col(
        "contact_consent",
        "同意公开联系方式",
        "contact_consent",
        &["同意向展方公开联系方式", "是否同意公开", "consent"],
    ),
    col("note", "备注", "note", &["notes"]),
];

pub const NEED_COLUMNS: &[ColumnSpec] = &[
    col("code", "编号", "code", &["需求编号"]),
    required(col(
        "organization",
        "需求单位",
        "organization",
        &["企业名称", "单位名称", "enterprise"],
    )),
    col(
        "organization_credit_code",
        "统一社会信用代码",
        "credit_code",
        &["信用代码", "organization_credit_code"],
    ),
    col(
        "organization_region",
        "所在地区",
        "region",
        &["地区", "所在地", "盟市", "organization_region"],
    ),
    required(col(
        "title",
        "需求名称",
        "title",
        &["需求标题", "技术需求", "名称"],
    )),
    col("field", "技术领域", "field", &["领域"]),
    col(
        "description",
        "需求描述",
        "description",
        &["需求内容", "描述"],
    ),
    col("keywords", "关键词", "keywords", &["关键字"]),
    money(col(
        "budget",
        "预算",
        "budget",
        &["预算金额", "拟投入资金", "投入资金"],
    )),
    col("cooperation_modes", "合作方式", "cooperation_modes", &[]),
    col("deadline", "截止日期", "deadline", &["截止时间"]),
];

pub fn specs(kind: ImportKind) -> &'static [ColumnSpec] {
    match kind {
        ImportKind::Achievements => ACHIEVEMENT_COLUMNS,
        ImportKind::Organizations => ORGANIZATION_COLUMNS,
        ImportKind::Needs => NEED_COLUMNS,
    }
}

/// A header reduced to what identifies it: half-width, lower case, without spaces,
/// underscores, required-marks (`*`) or a parenthesised note; and whether that note said
/// the column is in 万元.
fn normalize_header(header: &str) -> (String, bool) {
    let half: String = header
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    let in_wan = half.contains('万');
    let mut out = String::with_capacity(half.len());
    let mut depth = 0usize;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' => depth += 1,
            ')' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | '_' | '-' | ':' | '.') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    (out, in_wan)
}

fn matches(spec: &ColumnSpec, normalized: &str) -> bool {
    std::iter::once(spec.zh)
        .chain(std::iter::once(spec.en))
        .chain(spec.aliases.iter().copied())
        .any(|name| normalize_header(name).0 == normalized)
}

/// Where each field is in the sheet.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    pub kind: ImportKind,
    /// Index into `sheet.rows` of the header row.
    pub header_index: usize,
    /// The header row's cells, as written in the file.
    pub headers: Vec<String>,
    /// (field, column index, plain numbers are 万元).
    fields: Vec<(&'static str, usize, bool)>,
    /// Headers that match no field (or repeat one), as written.
    pub ignored: Vec<String>,
}

/// How many rows from the top may hold a title above the header row.
const HEADER_SEARCH_ROWS: usize = 10;

impl ColumnMap {
    /// Finds the header row (the one among the first rows that names the most fields)
    /// and maps its columns; refuses a file missing a required column.
    pub fn locate(kind: ImportKind, sheet: &Sheet) -> Result<ColumnMap, ImportError> {
        let specs = specs(kind);
        let mut best: Option<ColumnMap> = None;
        for (index, row) in sheet.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
            if row.is_blank() {
                continue;
            }
            let map = ColumnMap::from_header(kind, index, row, specs);
            if best
                .as_ref()
                .is_none_or(|b| map.fields.len() > b.fields.len())
            {
                best = Some(map);
            }
        }
        let Some(map) = best.filter(|m| !m.fields.is_empty()) else {
            return Err(ImportError::NoHeader { kind });
        };
        let missing: Vec<&'static ColumnSpec> = specs
            .iter()
            .filter(|s| s.required && map.column(s.field).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns {
                row: sheet.rows[map.header_index].number,
                missing,
            });
        }
        Ok(map)
    }

    fn from_header(
        kind: ImportKind,
        index: usize,
        row: &SheetRow,
        specs: &'static [ColumnSpec],
    ) -> ColumnMap {
        let mut fields: Vec<(&'static str, usize, bool)> = Vec::new();
        let mut ignored = Vec::new();
        for (column, header) in row.cells.iter().enumerate() {
            let (normalized, in_wan) = normalize_header(header);
            if normalized.is_empty() {
                continue;
            }
            let spec = specs.iter().find(|s| matches(s, &normalized));
            match spec {
                Some(spec) if !fields.iter().any(|(f, _, _)| *f == spec.field) => {
                    fields.push((spec.field, column, spec.money && in_wan));
                }
                _ => ignored.push(header.trim().to_string()),
            }
        }
        ColumnMap {
            kind,
            header_index: index,
            headers: row.cells.clone(),
            fields,
            ignored,
        }
    }

    pub fn column(&self, field: &str) -> Option<usize> {
        self.fields
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, _)| *c)
    }

    /// The header of the column holding `field`, as written in the file.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.column(field)
            .and_then(|c| self.headers.get(c))
            .map(|h| h.trim())
    }

    /// The text of `field` in `row` (empty when the file has no such column); a plain
    /// number in a 万元 column gets its 万.
    pub fn get<'a>(&self, row: &'a SheetRow, field: &str) -> Cow<'a, str> {
        let Some(&(_, column, in_wan)) = self.fields.iter().find(|(f, _, _)| *f == field) else {
            return Cow::Borrowed("");
        };
        let text = row.cells.get(column).map(String::as_str).unwrap_or("");
        let plain_number = !text.trim().is_empty()
            && text
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        if in_wan && plain_number {
            Cow::Owned(format!("{}万", text.trim()))
        } else {
            Cow::Borrowed(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::SheetFormat;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            format: SheetFormat::Csv,
            encoding: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| SheetRow {
                    number: i + 1,
                    cells: cells.iter().map(|c| c.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn chinese_english_and_variant_headers_in_any_order() {
        let s = sheet(&[
            &["2019年成果汇总表"],
            &[
                "Field",
                "备注说明",
                "成果名称*",
                "持有 单位",
                "意向价格（万元）",
                "credit_code",
            ],
            &[
                "稀土",
                "x",
                "永磁",
                "内蒙古大学",
                "12.5",
                "91350100M000100Y43",
            ],
        ]);
        let map = ColumnMap::locate(ImportKind::Achievements, &s).unwrap();
        assert_eq!(map.header_index, 1);
        assert_eq!(map.column("title"), Some(2));
        assert_eq!(map.column("holder"), Some(3));
        assert_eq!(map.column("field"), Some(0));
        assert_eq!(map.column("holder_credit_code"), Some(5));
        assert_eq!(map.ignored, vec!["备注说明"]);
        assert_eq!(map.get(&s.rows[2], "asking_price"), "12.5万");
        assert_eq!(map.get(&s.rows[2], "booth"), "");
        assert_eq!(map.header_of("title"), Some("成果名称*"));
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let s = sheet(&[&["成果名称", "技术领域"], &["永磁", "稀土"]]);
        match ColumnMap::locate(ImportKind::Achievements, &s) {
            Err(ImportError::MissingColumns { row, missing }) => {
                assert_eq!(row, 1);
                assert_eq!(missing.len(), 1);
                assert_eq!(missing[0].field, "holder");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_file_without_any_known_header_is_refused() {
        let s = sheet(&[&["a", "b"], &["1", "2"]]);
        assert!(matches!(
            ColumnMap::locate(ImportKind::Organizations, &s),
            Err(ImportError::NoHeader { .. })
        ));
    }
}
