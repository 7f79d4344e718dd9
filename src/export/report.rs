//! The written report (Markdown and HTML share it): the press-release headline, the key
//! figures and breakdowns from `store::tallies`, the signed agreements, and a section per
//! exhibitor with its achievements, the interest in them and its agreements. Contact
//! details are masked as the export asks.
use crate::app::summary::headline;
use crate::domain::lang::Lang;
use crate::domain::phone::{mask_email, mask_name, mask_phone};
use crate::domain::vocab::{
    CONTRACT_TYPES, INTEREST_LEVELS, MATURITY, REGIONS, TECH_FIELDS, org_kind_label,
};
use crate::export::tables::Tables;
use crate::export::{ExportError, ExportProgress};
use std::collections::HashMap;

/// A table of text cells; `numeric` marks right-aligned columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextTable {
    pub headers: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl TextTable {
    fn new(lang: Lang, columns: &[(&str, &str, bool)]) -> TextTable {
        TextTable {
            headers: columns
                .iter()
                .map(|(zh, en, _)| lang.pick(zh, en).to_string())
                .collect(),
            numeric: columns.iter().map(|(_, _, n)| *n).collect(),
            rows: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExhibitorSection {
    pub code: String,
    pub name: String,
    /// Kind · region · contact, in one line.
    pub details: String,
    /// Its own figures in one sentence.
    pub figures: String,
    pub achievements: TextTable,
    pub interests: TextTable,
    pub agreements: TextTable,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub lang: Lang,
    pub fair_name: String,
    pub headline: String,
    /// e.g. "生成于 2019-12-11 18:00；联系方式已脱敏".
    pub note: String,
    pub figures: TextTable,
    pub by_field: TextTable,
    pub by_region: TextTable,
    pub by_contract_type: TextTable,
    pub agreements: TextTable,
    pub exhibitors: Vec<ExhibitorSection>,
}

/// One achievement line of an exhibitor section, with its holder.
struct AchievementLine {
    holder_id: String,
    cells: Vec<String>,
}

impl Report {
    pub fn build(tables: &Tables, progress: ExportProgress) -> Result<Report, ExportError> {
        let lang = tables.lang;
        let zone = tables.zone;
        let store = tables.store();
        let t = store.tallies()?;
        let money = |m: crate::domain::money::Money| m.format_auto(lang);
        let mut report = Report {
            lang,
            fair_name: tables.fair.name.clone(),
            headline: headline(&tables.fair, &t, lang),
            note: {
                let when = store.now().with_timezone(&zone).format("%Y-%m-%d %H:%M");
                let masked = if tables.masking.all {
                    lang.pick("联系方式已脱敏", "contact details masked")
                } else {
                    lang.pick(
                        "含完整联系方式，请勿外传",
                        "full contact details: do not pass on",
                    )
                };
                match lang {
                    Lang::Zh => format!("生成于 {when}；{masked}"),
                    Lang::En => format!("made {when}; {masked}"),
                }
            },
            ..Report::default()
        };

        let mut figures =
            TextTable::new(lang, &[("指标", "Figure", false), ("数值", "Value", true)]);
        for (zh, en, value) in [
            ("展示成果", "Achievements shown", t.achievements.to_string()),
            ("成果持有单位", "Exhibitors", t.holders.to_string()),
            ("登记企业", "Enterprises", t.enterprises.to_string()),
            ("技术需求", "Needs", t.needs.to_string()),
            ("意向", "Interests", t.interests.total.to_string()),
            (
                "深度洽谈",
                "In-depth talks",
                t.interests.in_depth.to_string(),
            ),
            ("已洽谈", "Meetings held", t.meetings.held.to_string()),
            ("签约", "Agreements signed", t.agreements.to_string()),
            (
                "其中集中签约",
                "At the ceremony",
                t.ceremony_agreements.to_string(),
            ),
            ("合同成交额", "Contract amount", money(t.contract_amount)),
            (
                "技术交易额",
                "Technology transactions",
                money(t.tech_amount),
            ),
        ] {
            figures
                .rows
                .push(vec![lang.pick(zh, en).to_string(), value]);
        }
        report.figures = figures;

        let mut by_field = TextTable::new(
            lang,
            &[
                ("技术领域", "Technology field", false),
                ("成果", "Achievements", true),
                ("意向", "Interests", true),
                ("签约", "Agreements", true),
                ("合同成交额", "Contract amount", true),
            ],
        );
        for b in &t.by_field {
            by_field.rows.push(vec![
                TECH_FIELDS.label(&b.key, lang),
                b.achievements.to_string(),
                b.interests.to_string(),
                b.agreements.to_string(),
                money(b.contract_amount),
            ]);
        }
        report.by_field = by_field;

        let mut by_region = TextTable::new(
            lang,
            &[
                ("受让方地区", "Buyer region", false),
                ("意向", "Interests", true),
                ("签约", "Agreements", true),
                ("合同成交额", "Contract amount", true),
            ],
        );
        for b in &t.by_region {
            let key = if b.key.is_empty() {
                lang.pick("未填", "not given").to_string()
            } else {
                REGIONS.label(&b.key, lang)
            };
            by_region.rows.push(vec![
                key,
                b.interests.to_string(),
                b.agreements.to_string(),
                money(b.contract_amount),
            ]);
        }
        report.by_region = by_region;

        let mut by_type = TextTable::new(
            lang,
            &[
                ("合同类型", "Contract type", false),
                ("签约", "Agreements", true),
                ("合同成交额", "Contract amount", true),
                ("技术交易额", "Technology transactions", true),
            ],
        );
        for b in &t.by_contract_type {
            by_type.rows.push(vec![
                CONTRACT_TYPES.label(&b.key, lang),
                b.agreements.to_string(),
                money(b.contract_amount),
                money(b.tech_amount),
            ]);
        }
        report.by_contract_type = by_type;

        let name = |id: &str| {
            tables
                .org(id)
                .map_or_else(|| id.to_string(), |o| o.data.name.clone())
        };
        let codes = |ids: &[String]| {
            ids.iter()
                .map(|id| tables.achievement_ref(id).map_or(id.as_str(), |a| a.0))
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "))
        };
        let agreement_columns: &[(&str, &str, bool)] = &[
            ("编号", "Code", false),
            ("受让方", "Buyer", false),
            ("出让方", "Seller", false),
            ("成果", "Achievements", false),
            ("合同类型", "Contract type", false),
            ("合同成交额", "Contract amount", true),
            ("技术交易额", "Technology transactions", true),
            ("签约日期", "Signed on", false),
        ];
        let mut agreements = TextTable::new(lang, agreement_columns);
        let mut seller_agreements: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for g in store.agreements()? {
            if g.status != "signed" {
                continue;
            }
            if tables
                .scope
                .as_ref()
                .is_some_and(|s| !s.agreements.contains(&g.id))
            {
                continue;
            }
            let row = vec![
                g.code.clone(),
                name(&g.buyer_id),
                name(&g.seller_id),
                codes(&g.achievement_ids),
                CONTRACT_TYPES.label(&g.contract_type, lang),
                money(g.contract_amount),
                money(g.tech_amount),
                g.signed_at
                    .with_timezone(&zone)
                    .format("%Y-%m-%d")
                    .to_string(),
            ];
            seller_agreements
                .entry(g.seller_id.clone())
                .or_default()
                .push(row.clone());
            agreements.rows.push(row);
        }
        report.agreements = agreements;

        // Achievements and interests, grouped by holder in one pass each.
        let mut lines: Vec<AchievementLine> = Vec::new();
        let total = tables.row_estimate(crate::export::tables::TableKind::Achievements);
        let label = lang.pick("报告", "report");
        store.each_achievement(|a| {
            if a.status != "active"
                || tables
                    .scope
                    .as_ref()
                    .is_some_and(|s| !s.achievements.contains(&a.id))
            {
                return Ok(());
            }
            let count = tables.interest_count(&a.id);
            let d = a.data;
            lines.push(AchievementLine {
                holder_id: d.holder_id,
                cells: vec![
                    a.code,
                    d.title,
                    TECH_FIELDS.label(&d.field, lang),
                    d.maturity
                        .map(|m| MATURITY.label(&m, lang))
                        .unwrap_or_default(),
                    d.asking_price.map(money).unwrap_or_default(),
                    count.to_string(),
                ],
            });
            if lines.len().is_multiple_of(10_000) {
                progress(label, lines.len(), total.max(lines.len()));
            }
            Ok::<(), ExportError>(())
        })?;
        let mut by_holder: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for line in lines {
            by_holder
                .entry(line.holder_id)
                .or_default()
                .push(line.cells);
        }
        let mut interests_by_holder: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        store.each_interest(|i| {
            if tables
                .scope
                .as_ref()
                .is_some_and(|s| !s.interests.contains(&i.id))
            {
                return Ok(());
            }
            let Some((code, _, holder)) = tables.achievement_ref(&i.achievement_id) else {
                return Ok(());
            };
            let enterprise = tables.org(&i.enterprise_id);
            let hide =
                enterprise.is_some_and(|o| tables.masking.hides(&o.id, o.data.contact_consent));
            let contact = enterprise
                .map(|o| contact_line(&o.data, hide, lang))
                .unwrap_or_default();
            let person = i
                .contact_person
                .map(|p| {
                    if tables.masking.hides_people() {
                        mask_name(&p)
                    } else {
                        p
                    }
                })
                .unwrap_or_default();
            interests_by_holder
                .entry(holder.to_string())
                .or_default()
                .push(vec![
                    name(&i.enterprise_id),
                    enterprise
                        .and_then(|o| o.data.region.as_ref())
                        .map(|r| REGIONS.label(r, lang))
                        .unwrap_or_default(),
                    contact,
                    person,
                    code.to_string(),
                    INTEREST_LEVELS.label(&i.level, lang),
                    i.logged_at
                        .with_timezone(&zone)
                        .format("%m-%d %H:%M")
                        .to_string(),
                ]);
            Ok::<(), ExportError>(())
        })?;

        let holder_tallies = crate::store::tallies::holder_tallies(store.conn())?;
        for org in tables.organizations() {
            let shown = by_holder.remove(&org.id);
            let sold = seller_agreements.remove(&org.id);
            if shown.is_none() && sold.is_none() {
                continue;
            }
            if tables
                .scope
                .as_ref()
                .is_some_and(|s| s.organization_id != org.id)
            {
                continue;
            }
            let own = holder_tallies.get(&org.id).cloned().unwrap_or_default();
            let hide = tables.masking.hides(&org.id, org.data.contact_consent);
            let mut details = vec![org_kind_label(&org.data.kind, lang).to_string()];
            if let Some(region) = &org.data.region {
                details.push(REGIONS.label(region, lang));
            }
            let contact = contact_line(&org.data, hide, lang);
            if !contact.is_empty() {
                details.push(contact);
            }
            let mut achievements = TextTable::new(
                lang,
                &[
                    ("编号", "Code", false),
                    ("成果名称", "Title", false),
                    ("技术领域", "Field", false),
                    ("成熟度", "Maturity", false),
                    ("意向价格", "Asking price", true),
                    ("意向数", "Interests", true),
                ],
            );
            achievements.rows = shown.unwrap_or_default();
            let mut interests = TextTable::new(
                lang,
                &[
                    ("企业", "Enterprise", false),
                    ("地区", "Region", false),
                    ("企业联系方式", "Enterprise contact", false),
                    ("对接人", "Contact person", false),
                    ("成果", "Achievement", false),
                    ("意向程度", "Level", false),
                    ("登记时间", "Logged", false),
                ],
            );
            interests.rows = interests_by_holder.remove(&org.id).unwrap_or_default();
            let mut sold_table = TextTable::new(lang, agreement_columns);
            sold_table.rows = sold.unwrap_or_default();
            report.exhibitors.push(ExhibitorSection {
                code: org.code.clone(),
                name: org.data.name.clone(),
                details: details.join(" · "),
                figures: match lang {
                    Lang::Zh => format!(
                        "展示成果{}项，收到意向{}条，签约{}项，合同成交额{}。",
                        own.achievements,
                        own.interests,
                        own.agreements,
                        money(own.contract_amount)
                    ),
                    Lang::En => format!(
                        "{} achievements shown, {} interests received, {} agreements signed worth {}.",
                        own.achievements,
                        own.interests,
                        own.agreements,
                        money(own.contract_amount)
                    ),
                },
                achievements,
                interests,
                agreements: sold_table,
            });
        }
        progress(label, total, total);
        Ok(report)
    }
}

/// "联系人 王*明 138****1234 z***@example.com" (masked when `hide`).
fn contact_line(
    org: &crate::domain::organization::OrganizationDraft,
    hide: bool,
    lang: Lang,
) -> String {
    let mut parts = Vec::new();
    if let Some(name) = &org.contact_name {
        parts.push(if hide { mask_name(name) } else { name.clone() });
    }
    if let Some(phone) = &org.contact_phone {
        parts.push(if hide {
            mask_phone(phone)
        } else {
            phone.clone()
        });
    }
    if let Some(email) = &org.contact_email {
        parts.push(if hide {
            mask_email(email)
        } else {
            email.clone()
        });
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("{} {}", lang.pick("联系人", "contact"), parts.join(" "))
}
