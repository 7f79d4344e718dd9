//! The shared model every spreadsheet-shaped export (CSV, XLSX) writes: the fair's tables
//! with references resolved to codes and names, vocabulary values in the user's
//! language, contact details masked as asked and rows limited to one exhibitor when
//! asked. Built once (names, counts, scope); rows are streamed from the store so a fair
//! of any size exports in little memory.
use crate::domain::achievement::Achievement;
use crate::domain::fair::Fair;
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::organization::Organization;
use crate::domain::phone::{mask_email, mask_name, mask_phone};
use crate::domain::vocab::{
    CONTRACT_TYPES, INTEREST_LEVELS, MATURITY, REGIONS, TECH_FIELDS, TRANSFER_MODES, Vocabulary,
    meeting_status_label, org_kind_label,
};
use crate::export::ExportError;
use crate::export::masking::Masking;
use crate::store::Store;
use crate::store::scope::ExhibitorScope;
use crate::store::stream::RecordTable;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use std::borrow::Cow;
use std::collections::HashMap;

/// One value, typed so each format can write it properly (numbers as numbers, codes as
/// text, times in the fair's zone).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Empty,
    /// Text, borrowed from the tables when it is theirs (names, codes and titles that
    /// every interest row repeats), so a row costs no copies of them.
    Text(Cow<'a, str>),
    /// Text that looks like a number but is not one: codes, credit codes, phone numbers.
    Code(Cow<'a, str>),
    Int(i64),
    Money(Money),
    Time(DateTime<Utc>),
    Date(NaiveDate),
    Bool(bool),
}

impl<'a> Cell<'a> {
    fn text_opt(value: Option<String>) -> Cell<'a> {
        value.map_or(Cell::Empty, Cell::from_text)
    }

    fn from_text(value: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(value.into())
    }

    fn from_code(value: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Code(value.into())
    }

    /// The cell as text: money as exact yuan (`125000.50`), times in `zone`.
    pub fn text(&self, lang: Lang, zone: Tz) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) | Cell::Code(s) => Cow::Borrowed(s.as_ref()),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Money(m) => Cow::Owned(m.format_plain()),
            Cell::Time(t) => {
                // Written out rather than through a format string, which chrono parses
                // again for every cell.
                let t = t.with_timezone(&zone);
                Cow::Owned(format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}",
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute()
                ))
            }
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b {
                lang.pick("是", "yes")
            } else {
                lang.pick("否", "no")
            }),
        }
    }
}

/// The tables, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Organizations,
    Achievements,
    Needs,
    Interests,
    Meetings,
    Agreements,
}

pub const TABLES: [TableKind; 6] = [
    TableKind::Organizations,
    TableKind::Achievements,
    TableKind::Needs,
    TableKind::Interests,
    TableKind::Meetings,
    TableKind::Agreements,
];

/// How a column's values are shaped (for number formats and column widths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Code,
    Int,
    Money,
    Time,
    Date,
    Bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: ColumnKind,
}

const fn c(zh: &'static str, en: &'static str, kind: ColumnKind) -> Column {
    Column { zh, en, kind }
}

use ColumnKind::{Bool, Code, Date, Int, Text, Time};
const MONEY: ColumnKind = ColumnKind::Money;

// Headers are the names `fairdesk import` reads, so an exported table imports again.
const ORGANIZATION_COLUMNS: &[Column] = &[
    c("编号", "code", Code),
    c("单位名称", "name", Text),
    c("单位类型", "kind", Text),
    c("统一社会信用代码", "credit_code", Code),
    c("所在地区", "region", Text),
    c("行业", "industry", Text),
    c("联系人", "contact_name", Text),
    c("联系电话", "contact_phone", Code),
    c("电子邮箱", "contact_email", Text),
    c("同意公开联系方式", "contact_consent", Bool),
    c("备注", "note", Text),
    c("签到时间", "checked_in_at", Time),
    c("状态", "status", Text),
    c("登记台", "desk", Text),
    c("登记时间", "created_at", Time),
    c("标识", "id", Code),
];

const ACHIEVEMENT_COLUMNS: &[Column] = &[
    c("编号", "code", Code),
    c("成果名称", "title", Text),
    c("持有单位", "holder", Text),
    c("统一社会信用代码", "credit_code", Code),
    c("技术领域", "field", Text),
    c("成熟度", "maturity", Text),
    c("技术就绪度", "trl", Int),
    c("知识产权", "patents", Text),
    c("转化方式", "transfer_modes", Text),
    c("意向价格（元）", "asking_price (yuan)", MONEY),
    c("成果简介", "summary", Text),
    c("关键词", "keywords", Text),
    c("展位", "booth", Code),
    c("意向数", "interests", Int),
    c("状态", "status", Text),
    c("登记台", "desk", Text),
    c("登记时间", "created_at", Time),
    c("标识", "id", Code),
];

const NEED_COLUMNS: &[Column] = &[
    c("编号", "code", Code),
    c("需求单位", "organization", Text),
    c("需求名称", "title", Text),
    c("技术领域", "field", Text),
    c("需求描述", "description", Text),
    c("关键词", "keywords", Text),
    c("预算（元）", "budget (yuan)", MONEY),
    c("合作方式", "cooperation_modes", Text),
    c("截止日期", "deadline", Date),
    c("状态", "status", Text),
    c("登记台", "desk", Text),
    c("登记时间", "created_at", Time),
    c("标识", "id", Code),
];

const INTEREST_COLUMNS: &[Column] = &[
    c("企业", "enterprise", Text),
    c("成果编号", "achievement_code", Code),
    c("成果名称", "achievement", Text),
    c("持有单位", "holder", Text),
    c("意向程度", "level", Text),
    c("对接人", "contact_person", Text),
    c("备注", "note", Text),
    c("登记时间", "logged_at", Time),
    c("登记台", "desk", Text),
    c("标识", "id", Code),
];

const MEETING_COLUMNS: &[Column] = &[
    c("时段", "slot_start", Time),
    c("桌号", "table_no", Int),
    c("时长（分钟）", "slot_minutes", Int),
    c("企业", "enterprise", Text),
    c("成果编号", "achievement_code", Code),
    c("成果名称", "achievement", Text),
    c("持有单位", "holder", Text),
    c("状态", "status", Text),
    c("登记台", "desk", Text),
    c("标识", "id", Code),
];

const AGREEMENT_COLUMNS: &[Column] = &[
    c("编号", "code", Code),
    c("受让方", "buyer", Text),
    c("出让方", "seller", Text),
    c("成果编号", "achievements", Code),
    c("合同类型", "contract_type", Text),
    c("转化方式", "transfer_mode", Text),
    c("合同成交额（元）", "contract_amount (yuan)", MONEY),
    c("技术交易额（元）", "tech_amount (yuan)", MONEY),
    c("签约时间", "signed_at", Time),
    c("集中签约", "ceremony", Bool),
    c("多方协议", "multi_party", Bool),
    c("备注", "note", Text),
    c("状态", "status", Text),
    c("作废原因", "void_reason", Text),
    c("登记台", "desk", Text),
    c("标识", "id", Code),
];

impl TableKind {
    /// The file name stem (CSV) of the table.
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Organizations => "organizations",
            TableKind::Achievements => "achievements",
            TableKind::Needs => "needs",
            TableKind::Interests => "interests",
            TableKind::Meetings => "meetings",
            TableKind::Agreements => "agreements",
        }
    }

    /// The sheet name, in the user's language.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            TableKind::Organizations => lang.pick("单位", "Organizations"),
            TableKind::Achievements => lang.pick("成果", "Achievements"),
            TableKind::Needs => lang.pick("技术需求", "Needs"),
            TableKind::Interests => lang.pick("意向", "Interests"),
            TableKind::Meetings => lang.pick("洽谈", "Meetings"),
            TableKind::Agreements => lang.pick("签约", "Agreements"),
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            TableKind::Organizations => ORGANIZATION_COLUMNS,
            TableKind::Achievements => ACHIEVEMENT_COLUMNS,
            TableKind::Needs => NEED_COLUMNS,
            TableKind::Interests => INTEREST_COLUMNS,
            TableKind::Meetings => MEETING_COLUMNS,
            TableKind::Agreements => AGREEMENT_COLUMNS,
        }
    }

    fn record_table(self) -> RecordTable {
        match self {
            TableKind::Organizations => RecordTable::Organization,
            TableKind::Achievements => RecordTable::Achievement,
            TableKind::Needs => RecordTable::Need,
            TableKind::Interests => RecordTable::Interest,
            TableKind::Meetings => RecordTable::Meeting,
            TableKind::Agreements => RecordTable::Agreement,
        }
    }
}

/// An achievement as other tables refer to it.
struct AchievementName {
    code: String,
    title: String,
    holder_id: String,
}

/// Everything needed to write the tables, built once.
pub struct Tables<'s> {
    store: &'s Store,
    pub fair: Fair,
    pub lang: Lang,
    pub zone: Tz,
    pub scope: Option<ExhibitorScope>,
    pub masking: Masking,
    orgs: Vec<Organization>,
    org_index: HashMap<String, usize>,
    achievements: HashMap<String, AchievementName>,
    interest_counts: HashMap<String, i64>,
    checked_in: HashMap<String, DateTime<Utc>>,
}

fn status_label(status: &str, lang: Lang) -> String {
    let (zh, en) = match status {
        "active" => ("在展", "active"),
        "withdrawn" => ("已撤回", "withdrawn"),
        "signed" => ("已签约", "signed"),
        "voided" => ("已作废", "voided"),
        other => (other, other),
    };
    lang.pick(zh, en).to_string()
}

fn labels(vocab: &Vocabulary, values: &[String], lang: Lang) -> String {
    values
        .iter()
        .map(|v| vocab.label(v, lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

impl<'s> Tables<'s> {
    pub fn build(
        store: &'s Store,
        lang: Lang,
        scope: Option<ExhibitorScope>,
        masking: Masking,
    ) -> Result<Tables<'s>, ExportError> {
        let fair = store.require_fair()?;
        let zone = fair.zone();
        let orgs = store.organizations(true)?;
        let org_index = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        let achievements = store
            .referenced_achievements()?
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    AchievementName {
                        code: a.code,
                        title: a.title,
                        holder_id: a.holder_id,
                    },
                )
            })
            .collect();
        Ok(Tables {
            store,
            fair,
            lang,
            zone,
            scope,
            masking,
            orgs,
            org_index,
            achievements,
            interest_counts: crate::store::tallies::interests_by_achievement(store.conn())?,
            checked_in: store.checkins()?.into_iter().collect(),
        })
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// An organization by id.
    pub fn org(&self, id: &str) -> Option<&Organization> {
        self.org_index.get(id).map(|&i| &self.orgs[i])
    }

    /// Every organization, by code.
    pub fn organizations(&self) -> &[Organization] {
        &self.orgs
    }

    /// An achievement's code, title and holder id.
    pub fn achievement_ref(&self, id: &str) -> Option<(&str, &str, &str)> {
        self.achievements
            .get(id)
            .map(|a| (a.code.as_str(), a.title.as_str(), a.holder_id.as_str()))
    }

    /// Interests logged in an achievement.
    pub fn interest_count(&self, achievement_id: &str) -> i64 {
        self.interest_counts
            .get(achievement_id)
            .copied()
            .unwrap_or(0)
    }

    fn org_name(&self, id: &str) -> Cell<'_> {
        self.org(id).map_or(Cell::from_code(id.to_string()), |o| {
            Cell::from_text(o.data.name.as_str())
        })
    }

    fn in_scope(&self, pick: impl Fn(&ExhibitorScope) -> bool) -> bool {
        self.scope.as_ref().is_none_or(pick)
    }

    /// Rows the table will have (before scope), for progress.
    pub fn row_estimate(&self, kind: TableKind) -> usize {
        self.store.row_count(kind.record_table()).unwrap_or(0)
    }

    pub fn header(&self, kind: TableKind) -> Vec<&'static str> {
        kind.columns()
            .iter()
            .map(|c| self.lang.pick(c.zh, c.en))
            .collect()
    }

    /// Streams the rows of `kind` into `sink`, reusing one row buffer.
    pub fn rows(
        &self,
        kind: TableKind,
        sink: &mut dyn FnMut(&[Cell<'_>]) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let mut row: Vec<Cell<'_>> = Vec::with_capacity(kind.columns().len());
        match kind {
            TableKind::Organizations => {
                for o in &self.orgs {
                    if self.in_scope(|s| s.organizations.contains(&o.id)) {
                        self.organization_row(o, &mut row);
                        sink(&row)?;
                    }
                }
            }
            TableKind::Achievements => {
                self.store.each_achievement(|a| {
                    if self.in_scope(|s| s.achievements.contains(&a.id)) {
                        self.achievement_row(a, &mut row);
                        sink(&row)?;
                    }
                    Ok::<(), ExportError>(())
                })?;
            }
            TableKind::Needs => {
                for n in self.store.needs()? {
                    if !self.in_scope(|s| s.needs.contains(&n.id)) {
                        continue;
                    }
                    let lang = self.lang;
                    row.clear();
                    row.extend([
                        Cell::from_code(n.code),
                        self.org_name(&n.data.organization_id),
                        Cell::from_text(n.data.title),
                        Cell::text_opt(n.data.field.map(|f| TECH_FIELDS.label(&f, lang))),
                        Cell::text_opt(n.data.description),
                        Cell::from_text(n.data.keywords.join(lang.pick("、", ", "))),
                        n.data.budget.map_or(Cell::Empty, Cell::Money),
                        Cell::from_text(labels(&TRANSFER_MODES, &n.data.cooperation_modes, lang)),
                        n.data.deadline.map_or(Cell::Empty, Cell::Date),
                        Cell::from_text(status_label(&n.status, lang)),
                        Cell::from_text(n.desk),
                        Cell::Time(n.created_at),
                        Cell::from_code(n.id),
                    ]);
                    sink(&row)?;
                }
            }
            TableKind::Interests => {
                self.store.each_interest(|i| {
                    if !self.in_scope(|s| s.interests.contains(&i.id)) {
                        return Ok(());
                    }
                    let (code, title, holder) = self.achievement_cells(&i.achievement_id);
                    let person = i.contact_person.map(|p| {
                        if self.masking.hides_people() {
                            mask_name(&p)
                        } else {
                            p
                        }
                    });
                    row.clear();
                    row.extend([
                        self.org_name(&i.enterprise_id),
                        code,
                        title,
                        holder,
                        Cell::from_text(INTEREST_LEVELS.label(&i.level, self.lang)),
                        Cell::text_opt(person),
                        Cell::text_opt(i.note),
                        Cell::Time(i.logged_at),
                        Cell::from_text(i.desk),
                        Cell::from_code(i.id),
                    ]);
                    sink(&row)
                })?;
            }
            TableKind::Meetings => {
                self.store.each_meeting(|m| {
                    if !self.in_scope(|s| s.meetings.contains(&m.id)) {
                        return Ok(());
                    }
                    let (code, title, holder) = self.achievement_cells(&m.data.achievement_id);
                    row.clear();
                    row.extend([
                        Cell::Time(m.data.slot_start),
                        Cell::Int(i64::from(m.data.table_no)),
                        Cell::Int(i64::from(m.data.slot_minutes)),
                        self.org_name(&m.data.enterprise_id),
                        code,
                        title,
                        holder,
                        Cell::from_text(
                            meeting_status_label(&m.data.status, self.lang).to_string(),
                        ),
                        Cell::from_text(m.desk),
                        Cell::from_code(m.id),
                    ]);
                    sink(&row)
                })?;
            }
            TableKind::Agreements => {
                for g in self.store.agreements()? {
                    if !self.in_scope(|s| s.agreements.contains(&g.id)) {
                        continue;
                    }
                    let lang = self.lang;
                    let codes = g
                        .achievement_ids
                        .iter()
                        .map(|id| {
                            self.achievements
                                .get(id)
                                .map_or(id.clone(), |a| a.code.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(lang.pick("、", ", "));
                    row.clear();
                    row.extend([
                        Cell::from_code(g.code),
                        self.org_name(&g.buyer_id),
                        self.org_name(&g.seller_id),
                        Cell::from_code(codes),
                        Cell::from_text(CONTRACT_TYPES.label(&g.contract_type, lang)),
                        Cell::text_opt(g.transfer_mode.map(|m| TRANSFER_MODES.label(&m, lang))),
                        Cell::Money(g.contract_amount),
                        Cell::Money(g.tech_amount),
                        Cell::Time(g.signed_at),
                        Cell::Bool(g.ceremony),
                        Cell::Bool(g.multi_party),
                        Cell::text_opt(g.note),
                        Cell::from_text(status_label(&g.status, lang)),
                        Cell::text_opt(g.void_reason),
                        Cell::from_text(g.desk),
                        Cell::from_code(g.id),
                    ]);
                    sink(&row)?;
                }
            }
        }
        Ok(())
    }

    fn achievement_cells(&self, id: &str) -> (Cell<'_>, Cell<'_>, Cell<'_>) {
        match self.achievements.get(id) {
            Some(a) => (
                Cell::from_code(a.code.as_str()),
                Cell::from_text(a.title.as_str()),
                self.org_name(&a.holder_id),
            ),
            None => (Cell::from_code(id.to_string()), Cell::Empty, Cell::Empty),
        }
    }

    fn organization_row<'t>(&'t self, o: &'t Organization, row: &mut Vec<Cell<'t>>) {
        let lang = self.lang;
        let hide = self.masking.hides(&o.id, o.data.contact_consent);
        let d = &o.data;
        let masked = |value: &'t Option<String>, mask: fn(&str) -> String| match value {
            Some(v) if hide => Cell::from_text(mask(v)),
            Some(v) => Cell::from_text(v.as_str()),
            None => Cell::Empty,
        };
        let phone = match (&d.contact_phone, hide) {
            (Some(p), true) => Cell::from_code(mask_phone(p)),
            (Some(p), false) => Cell::from_code(p.as_str()),
            (None, _) => Cell::Empty,
        };
        row.clear();
        row.extend([
            Cell::from_code(o.code.as_str()),
            Cell::from_text(d.name.as_str()),
            Cell::from_text(org_kind_label(&d.kind, lang).to_string()),
            d.credit_code.clone().map_or(Cell::Empty, Cell::from_code),
            Cell::text_opt(d.region.as_ref().map(|r| REGIONS.label(r, lang))),
            Cell::text_opt(d.industry.as_ref().map(|f| TECH_FIELDS.label(f, lang))),
            masked(&d.contact_name, mask_name),
            phone,
            masked(&d.contact_email, mask_email),
            Cell::Bool(d.contact_consent),
            Cell::text_opt(d.note.clone()),
            self.checked_in
                .get(&o.id)
                .map_or(Cell::Empty, |t| Cell::Time(*t)),
            Cell::from_text(status_label(&o.status, lang)),
            Cell::from_text(o.desk.as_str()),
            Cell::Time(o.created_at),
            Cell::from_code(o.id.as_str()),
        ]);
    }

    fn achievement_row<'t>(&'t self, a: Achievement, row: &mut Vec<Cell<'t>>) {
        let lang = self.lang;
        let holder = self.org(&a.data.holder_id);
        let interests = self.interest_counts.get(&a.id).copied().unwrap_or(0);
        let d = a.data;
        row.clear();
        row.extend([
            Cell::from_code(a.code),
            Cell::from_text(d.title),
            holder.map_or(Cell::from_code(d.holder_id.clone()), |h| {
                Cell::from_text(h.data.name.as_str())
            }),
            holder
                .and_then(|h| h.data.credit_code.clone())
                .map_or(Cell::Empty, Cell::from_code),
            Cell::from_text(TECH_FIELDS.label(&d.field, lang)),
            Cell::text_opt(d.maturity.map(|m| MATURITY.label(&m, lang))),
            d.trl.map_or(Cell::Empty, |t| Cell::Int(i64::from(t))),
            Cell::from_text(d.patents.join(lang.pick("、", ", "))),
            Cell::from_text(labels(&TRANSFER_MODES, &d.transfer_modes, lang)),
            d.asking_price.map_or(Cell::Empty, Cell::Money),
            Cell::text_opt(d.summary),
            Cell::from_text(d.keywords.join(lang.pick("、", ", "))),
            Cell::text_opt(d.booth),
            Cell::Int(interests),
            Cell::from_text(status_label(&a.status, lang)),
            Cell::from_text(a.desk),
            Cell::Time(a.created_at),
            Cell::from_code(a.id),
        ]);
    }
}
