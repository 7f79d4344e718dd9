//! The tallies recounted a second, independent way: from the records themselves, in
//! Rust, rather than by the SQL aggregates of `store::tallies`. The two must agree; this
//! recount is never shown anywhere, it only checks.
use crate::domain::money::Money;
use crate::store::check::Finding;
use crate::store::{Store, StoreResult};
use chrono::Timelike;
use std::collections::{BTreeMap, HashSet};

pub fn compare(store: &Store) -> StoreResult<Vec<Finding>> {
    let t = store.tallies()?;
    let achievements = store.achievements(true)?;
    let organizations = store.organizations(true)?;
    let interests = store.interests()?;
    let meetings = store.meetings()?;
    let agreements = store.agreements()?;
    let needs = store.needs()?;
    let checkins = store.checkins()?;

    let active: Vec<_> = achievements
        .iter()
        .filter(|a| a.status == "active")
        .collect();
    let holders: HashSet<&str> = active.iter().map(|a| a.data.holder_id.as_str()).collect();
    let active_orgs: Vec<_> = organizations
        .iter()
        .filter(|o| o.status == "active")
        .collect();
    let signed: Vec<_> = agreements.iter().filter(|a| a.status == "signed").collect();
    let level = |zh: &str| interests.iter().filter(|i| i.level == zh).count() as i64;
    let status = |s: &str| meetings.iter().filter(|m| m.data.status == s).count() as i64;
    let sum = |f: fn(&crate::domain::agreement::Agreement) -> Money| {
        Money::from_fen(signed.iter().map(|a| f(a).fen()).sum())
    };

    let mut findings = Vec::new();
    let mut same = |zh: &str, en: &str, tallied: i64, recounted: i64| {
        if tallied != recounted {
            findings.push(Finding::new(
                format!("{zh}：统计为 {tallied}，重新计数为 {recounted}"),
                format!("{en}: tallied {tallied}, recounted {recounted}"),
            ));
        }
    };
    same(
        "展示成果",
        "achievements shown",
        t.achievements,
        active.len() as i64,
    );
    same(
        "已撤回成果",
        "achievements withdrawn",
        t.achievements_withdrawn,
        (achievements.len() - active.len()) as i64,
    );
    same("成果持有单位", "holders", t.holders, holders.len() as i64);
    same(
        "单位",
        "organizations",
        t.organizations,
        active_orgs.len() as i64,
    );
    same(
        "登记企业",
        "enterprises",
        t.enterprises,
        active_orgs
            .iter()
            .filter(|o| o.data.kind == "enterprise")
            .count() as i64,
    );
    same("已签到", "checked in", t.checked_in, checkins.len() as i64);
    same(
        "需求",
        "needs",
        t.needs,
        needs.iter().filter(|n| n.status == "active").count() as i64,
    );
    same(
        "意向",
        "interests",
        t.interests.total,
        interests.len() as i64,
    );
    same("咨询", "enquiries", t.interests.enquiry, level("咨询"));
    same(
        "有意向",
        "interested",
        t.interests.interested,
        level("有意向"),
    );
    same(
        "深度洽谈",
        "in-depth",
        t.interests.in_depth,
        level("深度洽谈"),
    );
    same(
        "已预约洽谈",
        "meetings booked",
        t.meetings.booked,
        status("booked"),
    );
    same("已洽谈", "meetings held", t.meetings.held, status("held"));
    same("未到场", "no-shows", t.meetings.no_show, status("no_show"));
    same(
        "已取消洽谈",
        "meetings cancelled",
        t.meetings.cancelled,
        status("cancelled"),
    );
    same("签约", "agreements", t.agreements, signed.len() as i64);
    same(
        "已作废签约",
        "agreements voided",
        t.agreements_voided,
        (agreements.len() - signed.len()) as i64,
    );
    same(
        "集中签约",
        "ceremony agreements",
        t.ceremony_agreements,
        signed.iter().filter(|a| a.ceremony).count() as i64,
    );
    same(
        "合同成交额（分）",
        "contract amount (fen)",
        t.contract_amount.fen(),
        sum(|a| a.contract_amount).fen(),
    );
    same(
        "技术交易额（分）",
        "tech. amount (fen)",
        t.tech_amount.fen(),
        sum(|a| a.tech_amount).fen(),
    );

    // Per contract type: count and both sums.
    let mut by_type: BTreeMap<&str, (i64, i64, i64)> = BTreeMap::new();
    for a in &signed {
        let e = by_type.entry(a.contract_type.as_str()).or_default();
        e.0 += 1;
        e.1 += a.contract_amount.fen();
        e.2 += a.tech_amount.fen();
    }
    let tallied: BTreeMap<&str, (i64, i64, i64)> = t
        .by_contract_type
        .iter()
        .map(|b| {
            (
                b.key.as_str(),
                (b.agreements, b.contract_amount.fen(), b.tech_amount.fen()),
            )
        })
        .collect();
    if tallied != by_type {
        findings.push(Finding::new(
            "按合同类型的统计与重新计数不一致",
            "the breakdown by contract type differs from a recount",
        ));
    }
    // Per field: achievements shown.
    let mut by_field: BTreeMap<&str, i64> = BTreeMap::new();
    for a in &active {
        *by_field.entry(a.data.field.as_str()).or_default() += 1;
    }
    let tallied: BTreeMap<&str, i64> = t
        .by_field
        .iter()
        .filter(|b| b.achievements > 0)
        .map(|b| (b.key.as_str(), b.achievements))
        .collect();
    if tallied != by_field {
        findings.push(Finding::new(
            "按技术领域的成果数与重新计数不一致",
            "achievements by field differ from a recount",
        ));
    }
    // Agreements by the field of their first achievement and by the buyer's region:
    // count and both sums.
    let field_of_any: BTreeMap<&str, &str> = achievements
        .iter()
        .map(|a| (a.id.as_str(), a.data.field.as_str()))
        .collect();
    let region_of: BTreeMap<&str, &str> = organizations
        .iter()
        .map(|o| (o.id.as_str(), o.data.region.as_deref().unwrap_or("")))
        .collect();
    let mut agreements_by_field: BTreeMap<&str, (i64, i64, i64)> = BTreeMap::new();
    let mut agreements_by_region: BTreeMap<&str, (i64, i64, i64)> = BTreeMap::new();
    for a in &signed {
        let groups = [
            (
                &mut agreements_by_field,
                a.achievement_ids
                    .first()
                    .and_then(|id| field_of_any.get(id.as_str())),
            ),
            (
                &mut agreements_by_region,
                region_of.get(a.buyer_id.as_str()),
            ),
        ];
        for (groups, key) in groups {
            if let Some(key) = key {
                let e = groups.entry(key).or_default();
                e.0 += 1;
                e.1 += a.contract_amount.fen();
                e.2 += a.tech_amount.fen();
            }
        }
    }
    let agreements_of = |rows: &[crate::store::tallies::Breakdown]| {
        rows.iter()
            .filter(|b| b.agreements > 0)
            .map(|b| {
                (
                    b.key.clone(),
                    (b.agreements, b.contract_amount.fen(), b.tech_amount.fen()),
                )
            })
            .collect::<BTreeMap<String, (i64, i64, i64)>>()
    };
    let owned = |m: BTreeMap<&str, (i64, i64, i64)>| {
        m.into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<String, (i64, i64, i64)>>()
    };
    if agreements_of(&t.by_field) != owned(agreements_by_field) {
        findings.push(Finding::new(
            "按技术领域的签约统计与重新计数不一致",
            "agreements by field differ from a recount",
        ));
    }
    if agreements_of(&t.by_region) != owned(agreements_by_region) {
        findings.push(Finding::new(
            "按地区的签约统计与重新计数不一致",
            "agreements by region differ from a recount",
        ));
    }

    // Signed agreements per hour of the fair's time zone.
    if let Some(fair) = store.fair()? {
        let zone = fair.zone();
        let mut hours = [0i64; 24];
        for a in &signed {
            hours[a.signed_at.with_timezone(&zone).hour() as usize] += 1;
        }
        let recounted: Vec<(u32, i64)> = (0..24u32)
            .filter(|h| hours[*h as usize] > 0)
            .map(|h| (h, hours[h as usize]))
            .collect();
        let tallied: Vec<(u32, i64)> = t
            .agreements_by_hour
            .iter()
            .copied()
            .filter(|(_, n)| *n > 0)
            .collect();
        if tallied != recounted {
            findings.push(Finding::new(
                "按小时的签约数与重新计数不一致",
                "agreements by hour differ from a recount",
            ));
        }
    }

    // Interest by field, by region and per achievement come from counters the database
    // keeps with triggers: recounted here from the interests themselves.
    let field_of: BTreeMap<&str, &str> = active
        .iter()
        .map(|a| (a.id.as_str(), a.data.field.as_str()))
        .collect();
    let mut interest_by_field: BTreeMap<&str, i64> = BTreeMap::new();
    let mut interest_by_region: BTreeMap<&str, i64> = BTreeMap::new();
    let mut per_achievement: BTreeMap<&str, i64> = BTreeMap::new();
    for i in &interests {
        if let Some(field) = field_of.get(i.achievement_id.as_str()) {
            *interest_by_field.entry(field).or_default() += 1;
            *per_achievement
                .entry(i.achievement_id.as_str())
                .or_default() += 1;
        }
        let region = region_of
            .get(i.enterprise_id.as_str())
            .copied()
            .unwrap_or("");
        *interest_by_region.entry(region).or_default() += 1;
    }
    let tallied: BTreeMap<&str, i64> = t
        .by_field
        .iter()
        .filter(|b| b.interests > 0)
        .map(|b| (b.key.as_str(), b.interests))
        .collect();
    if tallied != interest_by_field {
        findings.push(Finding::new(
            "按技术领域的意向数与重新计数不一致",
            "interest by field differs from a recount",
        ));
    }
    let tallied: BTreeMap<&str, i64> = t
        .by_region
        .iter()
        .filter(|b| b.interests > 0)
        .map(|b| (b.key.as_str(), b.interests))
        .collect();
    if tallied != interest_by_region {
        findings.push(Finding::new(
            "按地区的意向数与重新计数不一致",
            "interest by region differs from a recount",
        ));
    }
    let code_of: BTreeMap<&str, &str> = active
        .iter()
        .map(|a| (a.id.as_str(), a.code.as_str()))
        .collect();
    let mut top: Vec<(i64, &str)> = per_achievement
        .iter()
        .map(|(id, n)| (*n, code_of.get(id).copied().unwrap_or("")))
        .collect();
    top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    top.truncate(10);
    let tallied: Vec<(i64, &str)> = t
        .top_achievements
        .iter()
        .map(|a| (a.interests, a.code.as_str()))
        .collect();
    if tallied != top {
        findings.push(Finding::new(
            "意向最多的成果与重新计数不一致",
            "the most-wanted achievements differ from a recount",
        ));
    }
    Ok(findings)
}
