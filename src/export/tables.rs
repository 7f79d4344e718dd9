//! The shared model every spreadsheet-shaped export (CSV, XLSX) writes: the fair's tables
//! with references resolved to codes and names, vocabulary values in the user's
//! language, contact details masked as asked and rows limited to one exhibitor when
//! asked. Built once (names, counts, scope); rows are streamed from the store so a fair
//! of any size exports in little memory.
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
use crate::export::id_map::IdMap;
use crate::export::local_time::LocalTimes;
use crate::export::masking::Masking;
use crate::export::names::{Named, Names};
use crate::store::Store;
use crate::store::export_rows::AchievementRow;
use crate::store::rows::json_to_list;
use crate::store::scope::ExhibitorScope;
use crate::store::stream::RecordTable;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// Where the rows of a table go, one cell at a time, typed so each format can write it
/// properly (numbers as numbers, codes as text, times in the fair's zone). Each format
/// writes the cells straight to its output, without a value made per cell.
pub trait RowSink {
    fn empty(&mut self) -> Result<(), ExportError>;
    fn text(&mut self, text: &str) -> Result<(), ExportError>;
    /// Text that looks like a number but is not one: codes, credit codes, phone numbers.
    fn code(&mut self, text: &str) -> Result<(), ExportError>;
    fn int(&mut self, value: i64) -> Result<(), ExportError>;
    fn money(&mut self, value: Money) -> Result<(), ExportError>;
    /// A time, already in the fair's zone.
    fn time(&mut self, local: NaiveDateTime) -> Result<(), ExportError>;
    fn date(&mut self, value: NaiveDate) -> Result<(), ExportError>;
    fn flag(&mut self, value: bool) -> Result<(), ExportError>;
    fn end_row(&mut self) -> Result<(), ExportError>;

    fn text_opt(&mut self, text: Option<&str>) -> Result<(), ExportError> {
        match text {
            Some(text) => self.text(text),
            None => self.empty(),
        }
    }

    fn code_opt(&mut self, text: Option<&str>) -> Result<(), ExportError> {
        match text {
            Some(text) => self.code(text),
            None => self.empty(),
        }
    }

    fn money_opt(&mut self, value: Option<Money>) -> Result<(), ExportError> {
        match value {
            Some(value) => self.money(value),
            None => self.empty(),
        }
    }
}

/// A yes/no cell's text.
pub fn flag_text(value: bool, lang: Lang) -> &'static str {
    if value {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
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

/// Labels of a vocabulary in one language, made once per value seen instead of once
/// per row.
struct Labels<'v> {
    vocab: &'v Vocabulary,
    lang: Lang,
    made: Vec<(String, String)>,
}

impl<'v> Labels<'v> {
    fn new(vocab: &'v Vocabulary, lang: Lang) -> Labels<'v> {
        Labels {
            vocab,
            lang,
            made: Vec::new(),
        }
    }

    fn label(&mut self, value: &str) -> &str {
        let at = match self.made.iter().position(|(v, _)| v == value) {
            Some(at) => at,
            None => {
                let label = self.vocab.label(value, self.lang);
                self.made.push((value.to_string(), label));
                self.made.len() - 1
            }
        };
        &self.made[at].1
    }
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
    org_index: IdMap<usize>,
    /// Organizations' names: id, name.
    org_names: Names,
    /// Achievements as other rows show them: id, code, title, holder id, and the
    /// holder's name when the holder is in the file.
    achievements: Names,
    interest_counts: IdMap<i64>,
    checked_in: HashMap<String, DateTime<Utc>>,
}

fn status_label(status: &str, lang: Lang) -> &str {
    let (zh, en) = match status {
        "active" => ("在展", "active"),
        "withdrawn" => ("已撤回", "withdrawn"),
        "signed" => ("已签约", "signed"),
        "voided" => ("已作废", "voided"),
        other => (other, other),
    };
    lang.pick(zh, en)
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
        let mut org_index = IdMap::default();
        let mut org_names = Names::default();
        org_index.reserve(orgs.len());
        org_names.reserve(orgs.len());
        for (i, o) in orgs.iter().enumerate() {
            org_index.insert(o.id.clone(), i);
            org_names.insert(Named::new(&[&o.id, &o.data.name]));
        }
        let mut achievements = Names::default();
        store.each_achievement_name(|a| {
            let parts = [a.id, a.code, a.title, a.holder_id];
            achievements.insert(match org_names.get(a.holder_id) {
                Some(holder) => Named::new(&[
                    a.id,
                    a.code,
                    a.title,
                    a.holder_id,
                    holder.part(1).unwrap_or_default(),
                ]),
                None => Named::new(&parts),
            });
            Ok::<(), ExportError>(())
        })?;
        Ok(Tables {
            store,
            fair,
            lang,
            zone,
            scope,
            masking,
            orgs,
            org_index,
            org_names,
            achievements,
            interest_counts: crate::store::tallies::interests_by_achievement(store.conn())?
                .into_iter()
                .collect(),
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
        self.achievements.get(id).map(|a| {
            (
                a.part(1).unwrap_or_default(),
                a.part(2).unwrap_or_default(),
                a.part(3).unwrap_or_default(),
            )
        })
    }

    /// Interests logged in an achievement.
    pub fn interest_count(&self, achievement_id: &str) -> i64 {
        self.interest_counts
            .get(achievement_id)
            .copied()
            .unwrap_or(0)
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

    /// An organization's name, or its id when it is not in the file.
    fn org_name<S: RowSink>(&self, sink: &mut S, id: &str) -> Result<(), ExportError> {
        match self.org_names.get(id) {
            Some(o) => sink.text(o.part(1).unwrap_or_default()),
            None => sink.code(id),
        }
    }

    /// An achievement's code, title and holder, or its id when it is not in the file.
    fn achievement_cells<S: RowSink>(&self, sink: &mut S, id: &str) -> Result<(), ExportError> {
        match self.achievements.get(id) {
            Some(a) => {
                sink.code(a.part(1).unwrap_or_default())?;
                sink.text(a.part(2).unwrap_or_default())?;
                match a.part(4) {
                    Some(holder) => sink.text(holder),
                    None => sink.code(a.part(3).unwrap_or_default()),
                }
            }
            None => {
                sink.code(id)?;
                sink.empty()?;
                sink.empty()
            }
        }
    }

    /// Writes the rows of `kind` (in scope) to `sink`, streamed from the store.
    pub fn rows<S: RowSink>(&self, kind: TableKind, sink: &mut S) -> Result<(), ExportError> {
        let lang = self.lang;
        let mut times = LocalTimes::new(self.zone);
        match kind {
            TableKind::Organizations => {
                for o in &self.orgs {
                    if self.in_scope(|s| s.organizations.contains(&o.id)) {
                        self.organization_row(o, &times, sink)?;
                    }
                }
            }
            TableKind::Achievements => {
                let mut fields = Labels::new(&TECH_FIELDS, lang);
                let mut maturities = Labels::new(&MATURITY, lang);
                self.store.each_achievement_row(|a| {
                    if self.in_scope(|s| s.achievements.contains(a.id)) {
                        self.achievement_row(a, &mut fields, &mut maturities, &mut times, sink)?;
                    }
                    Ok::<(), ExportError>(())
                })?;
            }
            TableKind::Needs => {
                for n in self.store.needs()? {
                    if !self.in_scope(|s| s.needs.contains(&n.id)) {
                        continue;
                    }
                    sink.code(&n.code)?;
                    self.org_name(sink, &n.data.organization_id)?;
                    sink.text(&n.data.title)?;
                    sink.text_opt(n.data.field.map(|f| TECH_FIELDS.label(&f, lang)).as_deref())?;
                    sink.text_opt(n.data.description.as_deref())?;
                    sink.text(&n.data.keywords.join(lang.pick("、", ", ")))?;
                    sink.money_opt(n.data.budget)?;
                    sink.text(&labels(&TRANSFER_MODES, &n.data.cooperation_modes, lang))?;
                    match n.data.deadline {
                        Some(d) => sink.date(d)?,
                        None => sink.empty()?,
                    }
                    sink.text(status_label(&n.status, lang))?;
                    sink.text(&n.desk)?;
                    sink.time(times.of(n.created_at))?;
                    sink.code(&n.id)?;
                    sink.end_row()?;
                }
            }
            TableKind::Interests => {
                let mut levels = Labels::new(&INTEREST_LEVELS, lang);
                let hide_people = self.masking.hides_people();
                self.store.each_interest_row(|i| {
                    if !self.in_scope(|s| s.interests.contains(i.id)) {
                        return Ok(());
                    }
                    self.org_name(sink, i.enterprise_id)?;
                    self.achievement_cells(sink, i.achievement_id)?;
                    sink.text(levels.label(i.level))?;
                    match i.contact_person {
                        Some(p) if hide_people => sink.text(&mask_name(p))?,
                        person => sink.text_opt(person)?,
                    }
                    sink.text_opt(i.note)?;
                    sink.time(times.local(i.logged_at))?;
                    sink.text(i.desk)?;
                    sink.code(i.id)?;
                    sink.end_row()
                })?;
            }
            TableKind::Meetings => {
                self.store.each_meeting(|m| {
                    if !self.in_scope(|s| s.meetings.contains(&m.id)) {
                        return Ok(());
                    }
                    sink.time(times.of(m.data.slot_start))?;
                    sink.int(i64::from(m.data.table_no))?;
                    sink.int(i64::from(m.data.slot_minutes))?;
                    self.org_name(sink, &m.data.enterprise_id)?;
                    self.achievement_cells(sink, &m.data.achievement_id)?;
                    sink.text(meeting_status_label(&m.data.status, lang))?;
                    sink.text(&m.desk)?;
                    sink.code(&m.id)?;
                    sink.end_row()
                })?;
            }
            TableKind::Agreements => {
                for g in self.store.agreements()? {
                    if !self.in_scope(|s| s.agreements.contains(&g.id)) {
                        continue;
                    }
                    let codes = g
                        .achievement_ids
                        .iter()
                        .map(|id| {
                            self.achievements
                                .get(id.as_str())
                                .and_then(|a| a.part(1))
                                .unwrap_or(id)
                        })
                        .collect::<Vec<_>>()
                        .join(lang.pick("、", ", "));
                    sink.code(&g.code)?;
                    self.org_name(sink, &g.buyer_id)?;
                    self.org_name(sink, &g.seller_id)?;
                    sink.code(&codes)?;
                    sink.text(&CONTRACT_TYPES.label(&g.contract_type, lang))?;
                    sink.text_opt(
                        g.transfer_mode
                            .map(|m| TRANSFER_MODES.label(&m, lang))
                            .as_deref(),
                    )?;
                    sink.money(g.contract_amount)?;
                    sink.money(g.tech_amount)?;
                    sink.time(times.of(g.signed_at))?;
                    sink.flag(g.ceremony)?;
                    sink.flag(g.multi_party)?;
                    sink.text_opt(g.note.as_deref())?;
                    sink.text(status_label(&g.status, lang))?;
                    sink.text_opt(g.void_reason.as_deref())?;
                    sink.text(&g.desk)?;
                    sink.code(&g.id)?;
                    sink.end_row()?;
                }
            }
        }
        Ok(())
    }

    fn organization_row<S: RowSink>(
        &self,
        o: &Organization,
        times: &LocalTimes,
        sink: &mut S,
    ) -> Result<(), ExportError> {
        let lang = self.lang;
        let hide = self.masking.hides(&o.id, o.data.contact_consent);
        let d = &o.data;
        let masked = |sink: &mut S, value: &Option<String>, mask: fn(&str) -> String| match value {
            Some(v) if hide => sink.text(&mask(v)),
            Some(v) => sink.text(v),
            None => sink.empty(),
        };
        sink.code(&o.code)?;
        sink.text(&d.name)?;
        sink.text(org_kind_label(&d.kind, lang))?;
        sink.code_opt(d.credit_code.as_deref())?;
        sink.text_opt(d.region.as_ref().map(|r| REGIONS.label(r, lang)).as_deref())?;
        sink.text_opt(
            d.industry
                .as_ref()
                .map(|f| TECH_FIELDS.label(f, lang))
                .as_deref(),
        )?;
        masked(sink, &d.contact_name, mask_name)?;
        match (&d.contact_phone, hide) {
            (Some(p), true) => sink.code(&mask_phone(p))?,
            (Some(p), false) => sink.code(p)?,
            (None, _) => sink.empty()?,
        }
        masked(sink, &d.contact_email, mask_email)?;
        sink.flag(d.contact_consent)?;
        sink.text_opt(d.note.as_deref())?;
        match self.checked_in.get(&o.id) {
            Some(t) => sink.time(times.of(*t))?,
            None => sink.empty()?,
        }
        sink.text(status_label(&o.status, lang))?;
        sink.text(&o.desk)?;
        sink.time(times.of(o.created_at))?;
        sink.code(&o.id)?;
        sink.end_row()
    }

    fn achievement_row<S: RowSink>(
        &self,
        a: &AchievementRow<'_>,
        fields: &mut Labels<'_>,
        maturities: &mut Labels<'_>,
        times: &mut LocalTimes,
        sink: &mut S,
    ) -> Result<(), ExportError> {
        let lang = self.lang;
        let separator = lang.pick("、", ", ");
        let holder = self.org(a.holder_id);
        sink.code(a.code)?;
        sink.text(a.title)?;
        match holder {
            Some(h) => sink.text(&h.data.name)?,
            None => sink.code(a.holder_id)?,
        }
        sink.code_opt(holder.and_then(|h| h.data.credit_code.as_deref()))?;
        sink.text(fields.label(a.field))?;
        match a.maturity {
            Some(m) => sink.text(maturities.label(m))?,
            None => sink.empty()?,
        }
        match a.trl {
            // Stored as one small number; read as a byte, as the record does.
            Some(t) => sink.int(i64::from(t as u8))?,
            None => sink.empty()?,
        }
        sink.text(&json_to_list(a.patents).join(separator))?;
        sink.text(&labels(
            &TRANSFER_MODES,
            &json_to_list(a.transfer_modes),
            lang,
        ))?;
        sink.money_opt(a.asking_price_fen.map(Money::from_fen))?;
        sink.text_opt(a.summary)?;
        sink.text(&json_to_list(a.keywords).join(separator))?;
        sink.text_opt(a.booth)?;
        sink.int(self.interest_count(a.id))?;
        sink.text(status_label(a.status, lang))?;
        sink.text(a.desk)?;
        sink.time(times.local(a.created_at))?;
        sink.code(a.id)?;
        sink.end_row()
    }
}
