//! The summary as rows of values (for the XLSX summary sheet): headline, key figures
//! and breakdowns, all from `store::tallies`.
use crate::app::summary::headline;
use crate::domain::money::Money;
use crate::domain::vocab::{CONTRACT_TYPES, REGIONS, TECH_FIELDS};
use crate::export::ExportError;
use crate::export::tables::Tables;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryValue {
    Empty,
    Title(String),
    Header(String),
    Text(String),
    Count(i64),
    Money(Money),
}

pub fn summary_rows(tables: &Tables) -> Result<Vec<Vec<SummaryValue>>, ExportError> {
    use SummaryValue::{Count, Header, Text, Title};
    let lang = tables.lang;
    let t = tables.store().tallies()?;
    let h = |zh: &str, en: &str| Header(lang.pick(zh, en).to_string());
    let label = |zh: &str, en: &str| Text(lang.pick(zh, en).to_string());
    let mut rows: Vec<Vec<SummaryValue>> = vec![
        vec![Title(tables.fair.name.clone())],
        vec![Text(headline(&tables.fair, &t, lang))],
        vec![],
        vec![h("指标", "Figure"), h("数值", "Value")],
        vec![
            label("展示成果", "Achievements shown"),
            Count(t.achievements),
        ],
        vec![label("登记单位", "Organizations"), Count(t.organizations)],
        vec![label("企业", "Enterprises"), Count(t.enterprises)],
        vec![label("已签到", "Checked in"), Count(t.checked_in)],
        vec![label("技术需求", "Needs"), Count(t.needs)],
        vec![label("意向", "Interests"), Count(t.interests.total)],
        vec![label("其中咨询", "  enquiries"), Count(t.interests.enquiry)],
        vec![
            label("其中有意向", "  interested"),
            Count(t.interests.interested),
        ],
        vec![
            label("其中深度洽谈", "  in-depth talks"),
            Count(t.interests.in_depth),
        ],
        vec![label("已洽谈", "Meetings held"), Count(t.meetings.held)],
        vec![label("签约", "Agreements signed"), Count(t.agreements)],
        vec![
            label("其中集中签约", "  at the ceremony"),
            Count(t.ceremony_agreements),
        ],
        vec![label("已作废", "Voided"), Count(t.agreements_voided)],
        vec![
            label("合同成交额（元）", "Contract amount (yuan)"),
            SummaryValue::Money(t.contract_amount),
        ],
        vec![
            label("技术交易额（元）", "Technology transactions (yuan)"),
            SummaryValue::Money(t.tech_amount),
        ],
    ];
    if let Some(scope) = &tables.scope {
        let holders = crate::store::tallies::holder_tallies(tables.store().conn())?;
        let own = holders
            .get(&scope.organization_id)
            .cloned()
            .unwrap_or_default();
        rows.push(vec![]);
        rows.push(vec![h("本单位", "This exhibitor"), h("数值", "Value")]);
        rows.push(vec![
            label("展示成果", "Achievements shown"),
            Count(own.achievements),
        ]);
        rows.push(vec![
            label("收到意向", "Interests received"),
            Count(own.interests),
        ]);
        rows.push(vec![
            label("签约", "Agreements signed"),
            Count(own.agreements),
        ]);
        rows.push(vec![
            label("合同成交额（元）", "Contract amount (yuan)"),
            SummaryValue::Money(own.contract_amount),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![
        h("技术领域", "Technology field"),
        h("成果", "Achievements"),
        h("意向", "Interests"),
        h("签约", "Agreements"),
        h("合同成交额（元）", "Contract amount (yuan)"),
    ]);
    for b in &t.by_field {
        rows.push(vec![
            Text(TECH_FIELDS.label(&b.key, lang)),
            Count(b.achievements),
            Count(b.interests),
            Count(b.agreements),
            SummaryValue::Money(b.contract_amount),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![
        h("受让方地区", "Buyer region"),
        h("意向", "Interests"),
        h("签约", "Agreements"),
        h("合同成交额（元）", "Contract amount (yuan)"),
    ]);
    for b in &t.by_region {
        let key = if b.key.is_empty() {
            lang.pick("未填", "not given").to_string()
        } else {
            REGIONS.label(&b.key, lang)
        };
        rows.push(vec![
            Text(key),
            Count(b.interests),
            Count(b.agreements),
            SummaryValue::Money(b.contract_amount),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![
        h("合同类型", "Contract type"),
        h("签约", "Agreements"),
        h("合同成交额（元）", "Contract amount (yuan)"),
        h("技术交易额（元）", "Technology transactions (yuan)"),
    ]);
    for b in &t.by_contract_type {
        rows.push(vec![
            Text(CONTRACT_TYPES.label(&b.key, lang)),
            Count(b.agreements),
            SummaryValue::Money(b.contract_amount),
            SummaryValue::Money(b.tech_amount),
        ]);
    }
    Ok(rows)
}
