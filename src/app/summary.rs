//! The headline tallies as text (for `fairdesk summary`) or JSON (`--json`).
use crate::domain::fair::Fair;
use crate::domain::lang::Lang;
use crate::domain::vocab::{CONTRACT_TYPES, REGIONS, TECH_FIELDS};
use crate::store::tallies::Tallies;
use serde::Serialize;

/// The JSON shape of `fairdesk summary --json`: the fair's name and every tally.
#[derive(Debug, Serialize)]
pub struct SummaryJson<'a> {
    pub fair: &'a str,
    #[serde(flatten)]
    pub tallies: &'a Tallies,
}

/// The press-release sentence organizers read out.
pub fn headline(fair: &Fair, t: &Tallies, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}共展示科技成果{}项，登记意向{}条，现场签署合作协议{}项，合同总额{}，其中技术交易额{}。",
            fair.name,
            t.achievements,
            t.interests.total,
            t.agreements,
            t.contract_amount.format_auto(Lang::Zh),
            t.tech_amount.format_auto(Lang::Zh)
        ),
        Lang::En => format!(
            "{} showed {} achievements, logged {} interests and signed {} agreements on site, worth {} in contracts, of which {} in technology transactions.",
            fair.name,
            t.achievements,
            t.interests.total,
            t.agreements,
            t.contract_amount.format_auto(Lang::En),
            t.tech_amount.format_auto(Lang::En)
        ),
    }
}

/// The plain-text summary: headline, counts and breakdowns.
pub fn text(fair: &Fair, t: &Tallies, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&headline(fair, t, lang));
    out.push('\n');
    let line = |out: &mut String, zh: &str, en: &str, value: String| {
        out.push_str(&format!(
            "{}{}{}\n",
            lang.pick(zh, en),
            lang.pick("：", ": "),
            value
        ));
    };
    line(
        &mut out,
        "展示成果",
        "achievements shown",
        t.achievements.to_string(),
    );
    line(
        &mut out,
        "登记单位",
        "organizations",
        t.organizations.to_string(),
    );
    line(&mut out, "企业", "enterprises", t.enterprises.to_string());
    line(&mut out, "已签到", "checked in", t.checked_in.to_string());
    line(
        &mut out,
        "意向（咨询/有意向/深度洽谈）",
        "interest (enquiry/interested/in-depth)",
        format!(
            "{} ({}/{}/{})",
            t.interests.total, t.interests.enquiry, t.interests.interested, t.interests.in_depth
        ),
    );
    line(
        &mut out,
        "洽谈（已预约/已洽谈/未到场/已取消）",
        "meetings (booked/held/no-show/cancelled)",
        format!(
            "{}/{}/{}/{}",
            t.meetings.booked, t.meetings.held, t.meetings.no_show, t.meetings.cancelled
        ),
    );
    line(
        &mut out,
        "签约",
        "agreements signed",
        t.agreements.to_string(),
    );
    line(
        &mut out,
        "其中集中签约",
        "at the ceremony",
        t.ceremony_agreements.to_string(),
    );
    line(
        &mut out,
        "已作废",
        "voided",
        t.agreements_voided.to_string(),
    );
    line(
        &mut out,
        "合同成交额",
        "contract amount",
        t.contract_amount.format_auto(lang),
    );
    line(
        &mut out,
        "技术交易额",
        "technology transactions",
        t.tech_amount.format_auto(lang),
    );
    let section = |out: &mut String, zh: &str, en: &str| {
        out.push_str(&format!("\n{}\n", lang.pick(zh, en)));
    };
    section(
        &mut out,
        "按技术领域（成果 / 意向 / 签约）",
        "By technology field (achievements / interests / agreements)",
    );
    for b in &t.by_field {
        out.push_str(&format!(
            "  {}  {} / {} / {}\n",
            TECH_FIELDS.label(&b.key, lang),
            b.achievements,
            b.interests,
            b.agreements
        ));
    }
    section(
        &mut out,
        "按受让方地区（签约 / 金额）",
        "By buyer region (agreements / amount)",
    );
    for b in t.by_region.iter().filter(|b| b.agreements > 0) {
        out.push_str(&format!(
            "  {}  {} / {}\n",
            REGIONS.label(&b.key, lang),
            b.agreements,
            b.contract_amount.format_auto(lang)
        ));
    }
    section(
        &mut out,
        "按合同类型（签约 / 金额）",
        "By contract type (agreements / amount)",
    );
    for b in &t.by_contract_type {
        out.push_str(&format!(
            "  {}  {} / {}\n",
            CONTRACT_TYPES.label(&b.key, lang),
            b.agreements,
            b.contract_amount.format_auto(lang)
        ));
    }
    out
}
