//! The organization a row names (an achievement's holder, a need's enterprise): matched to
//! a registered organization by credit code or exact name, or planned as a new one.
use crate::domain::clock::new_id;
use crate::domain::credit_code::validate_credit_code;
use crate::domain::error::{FieldError, FieldErrors, Problem};
use crate::domain::lookup::{AchievementRef, Lookup, OrgRef};
use crate::domain::organization::{OrganizationDraft, OrganizationInput};
use crate::domain::text::clean_text;
use crate::store::{Store, StoreResult};
use std::collections::HashMap;

/// The columns a row names its organization with.
#[derive(Debug, Clone, Copy)]
pub struct PartyFields {
    pub name: &'static str,
    pub credit_code: &'static str,
    pub kind: &'static str,
    pub region: &'static str,
}

pub const HOLDER: PartyFields = PartyFields {
    name: "holder",
    credit_code: "holder_credit_code",
    kind: "holder_kind",
    region: "holder_region",
};

pub const NEED_ORGANIZATION: PartyFields = PartyFields {
    name: "organization",
    credit_code: "organization_credit_code",
    kind: "organization_kind",
    region: "organization_region",
};

/// What one row says about its organization.
#[derive(Debug, Clone, Default)]
pub struct PartyCells {
    pub name: String,
    pub credit_code: String,
    pub kind: String,
    pub region: String,
}

/// An organization the file names that is not registered yet; created with the rows.
#[derive(Debug, Clone)]
pub struct NewOrg {
    pub input: OrganizationInput,
    pub draft: OrganizationDraft,
    /// The first row that named it.
    pub first_row: usize,
}

/// Resolves rows' organizations, remembering what it found so each is looked up once.
pub struct Parties<'s> {
    store: &'s Store,
    pub new_orgs: Vec<NewOrg>,
    new_by_name: HashMap<String, usize>,
    new_by_credit: HashMap<String, usize>,
    /// Every organization resolved so far, by id (registered and new alike).
    known: HashMap<String, OrgRef>,
    /// Index into `new_orgs` by id.
    new_by_id: HashMap<String, usize>,
    resolved: HashMap<(String, String), Result<String, FieldErrors>>,
    /// The same results by the cells as written (most rows repeat an earlier row's
    /// organization exactly), so such a row is answered without cleaning its text.
    by_cells: HashMap<String, Result<String, FieldErrors>>,
    /// `by_cells`' key of the row being resolved.
    cells_key: String,
}

/// A guess of an organization's kind from its name, for new organizations
/// whose row does not say.
pub fn guess_kind(name: &str) -> &'static str {
    // Institutes first: 科学院 contains 学院.
    if [
        "研究院",
        "研究所",
        "研究中心",
        "研发中心",
        "科学院",
        "中科院",
        "实验室",
    ]
    .iter()
    .any(|w| name.contains(w))
    {
        "institute"
    } else if ["大学", "学院", "学校"].iter().any(|w| name.contains(w)) {
        "university"
    } else {
        "enterprise"
    }
}

impl<'s> Parties<'s> {
    pub fn new(store: &'s Store) -> Parties<'s> {
        Parties {
            store,
            new_orgs: Vec::new(),
            new_by_name: HashMap::new(),
            new_by_credit: HashMap::new(),
            known: HashMap::new(),
            new_by_id: HashMap::new(),
            resolved: HashMap::new(),
            by_cells: HashMap::new(),
            cells_key: String::new(),
        }
    }

    /// The index in `new_orgs` of the organization with this id, when it is new.
    pub fn new_org_index(&self, id: &str) -> Option<usize> {
        self.new_by_id.get(id).copied()
    }

    /// The id of the organization `cells` names; errors name the row's columns by `fields`.
    pub fn resolve(
        &mut self,
        cells: &PartyCells,
        fields: PartyFields,
        row: usize,
    ) -> StoreResult<Result<String, FieldErrors>> {
        // The name's length first, so that no two pairs of cells make the same key.
        self.cells_key.clear();
        self.cells_key.push_str(&cells.name.len().to_string());
        self.cells_key.push(':');
        self.cells_key.push_str(&cells.name);
        self.cells_key.push_str(&cells.credit_code);
        if let Some(done) = self.by_cells.get(self.cells_key.as_str()) {
            return Ok(done.clone());
        }
        let name = clean_text(&cells.name);
        let credit_raw = clean_text(&cells.credit_code);
        let key = (name.clone(), credit_raw.clone());
        let result = match self.resolved.get(&key) {
            Some(done) => done.clone(),
            None => {
                let result = self.resolve_uncached(&name, &credit_raw, cells, fields, row)?;
                self.resolved.insert(key, result.clone());
                result
            }
        };
        self.by_cells.insert(self.cells_key.clone(), result.clone());
        Ok(result)
    }

    fn resolve_uncached(
        &mut self,
        name: &str,
        credit_raw: &str,
        cells: &PartyCells,
        fields: PartyFields,
        row: usize,
    ) -> StoreResult<Result<String, FieldErrors>> {
        let fail = |field: &'static str, problem: Problem| {
            Ok(Err(FieldErrors::from(FieldError::new(field, problem))))
        };
        if name.is_empty() && credit_raw.is_empty() {
            return fail(fields.name, Problem::Required);
        }
        let credit = if credit_raw.is_empty() {
            None
        } else {
            match validate_credit_code(credit_raw) {
                Ok(code) => Some(code),
                Err(e) => return fail(fields.credit_code, Problem::CreditCode(e)),
            }
        };
        if let Some(credit) = &credit {
            if let Some(found) = self.store.organization_with_credit_code(credit)? {
                return Ok(Ok(self.remember(found.id, found.name, found.kind)));
            }
            if let Some(&index) = self.new_by_credit.get(credit) {
                return Ok(Ok(self.new_orgs[index].input.id.clone()));
            }
        }
        if name.is_empty() {
            return fail(fields.name, Problem::Required);
        }
        let named = self.store.organizations_named(name)?;
        if named.len() > 1 && credit.is_none() {
            return fail(
                fields.name,
                Problem::Ambiguous {
                    reference: name.to_string(),
                },
            );
        }
        if let Some(found) = named.into_iter().next() {
            return match (&credit, &found.credit_code) {
                (Some(given), Some(registered)) if given != registered => fail(
                    fields.credit_code,
                    Problem::Other {
                        zh: format!(
                            "与已登记的“{}”（{}）的统一社会信用代码 {registered} 不一致",
                            found.name, found.code
                        ),
                        en: format!(
                            "differs from the credit code {registered} registered for “{}” ({})",
                            found.name, found.code
                        ),
                    },
                ),
                _ => Ok(Ok(self.remember(found.id, found.name, found.kind))),
            };
        }
        if let Some(&index) = self.new_by_name.get(name) {
            let planned = &self.new_orgs[index];
            return match (&credit, &planned.draft.credit_code) {
                (Some(given), Some(other)) if given != other => fail(
                    fields.credit_code,
                    Problem::Other {
                        zh: format!(
                            "与第{}行同名单位的统一社会信用代码 {other} 不一致",
                            planned.first_row
                        ),
                        en: format!(
                            "differs from the credit code {other} given for the same name in row {}",
                            planned.first_row
                        ),
                    },
                ),
                _ => Ok(Ok(planned.input.id.clone())),
            };
        }
        Ok(self.plan_new(name, credit, cells, fields, row))
    }

    fn remember(&mut self, id: String, name: String, kind: String) -> String {
        self.known.insert(
            id.clone(),
            OrgRef {
                id: id.clone(),
                name,
                kind,
            },
        );
        id
    }

    fn plan_new(
        &mut self,
        name: &str,
        credit: Option<String>,
        cells: &PartyCells,
        fields: PartyFields,
        row: usize,
    ) -> Result<String, FieldErrors> {
        let kind = if cells.kind.trim().is_empty() {
            guess_kind(name).to_string()
        } else {
            cells.kind.clone()
        };
        let input = OrganizationInput {
            id: new_id(),
            name: name.to_string(),
            kind,
            credit_code: credit.clone().unwrap_or_default(),
            region: cells.region.clone(),
            ..OrganizationInput::default()
        };
        let draft = input.validate().map_err(|errors| {
            FieldErrors(
                errors
                    .0
                    .into_iter()
                    .map(|e| {
                        let field = match e.field {
                            "name" => fields.name,
                            "credit_code" => fields.credit_code,
                            "kind" => fields.kind,
                            "region" => fields.region,
                            other => other,
                        };
                        FieldError::new(field, e.problem)
                    })
                    .collect(),
            )
        })?;
        let index = self.new_orgs.len();
        let id = input.id.clone();
        self.known.insert(
            id.clone(),
            OrgRef {
                id: id.clone(),
                name: draft.name.clone(),
                kind: draft.kind.clone(),
            },
        );
        self.new_by_name.insert(draft.name.clone(), index);
        if let Some(credit) = credit {
            self.new_by_credit.insert(credit, index);
        }
        self.new_by_id.insert(id.clone(), index);
        self.new_orgs.push(NewOrg {
            input,
            draft,
            first_row: row,
        });
        Ok(id)
    }
}

/// Validation sees registered and planned organizations alike, by id.
impl Lookup for Parties<'_> {
    fn organization(&self, reference: &str) -> Result<OrgRef, Problem> {
        match self.known.get(reference) {
            Some(org) => Ok(org.clone()),
            None => Lookup::organization(self.store, reference),
        }
    }

    fn achievement(&self, reference: &str) -> Result<AchievementRef, Problem> {
        Lookup::achievement(self.store, reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    /// A valid credit code from its first 17 characters.
    fn valid(first17: &str) -> String {
        let check = crate::domain::credit_code::compute_check_char(first17).unwrap();
        format!("{first17}{check}")
    }

    fn cells(name: &str, credit: &str) -> PartyCells {
        PartyCells {
            name: name.into(),
            credit_code: credit.into(),
            ..PartyCells::default()
        }
    }

    #[test]
    fn matches_by_credit_code_then_name_and_plans_new_ones_once() {
        let mut s = store();
        let registered = s
            .create_organization(&OrganizationInput {
                name: "内蒙古大学".into(),
                kind: "university".into(),
                credit_code: valid("12150000460000440"),
                ..Default::default()
            })
            .unwrap();
        let mut p = Parties::new(&s);
        let by_credit = p
            .resolve(&cells("别名", &valid("12150000460000440")), HOLDER, 2)
            .unwrap()
            .unwrap();
        assert_eq!(by_credit, registered.id);
        let by_name = p
            .resolve(&cells("内蒙古大学", ""), HOLDER, 3)
            .unwrap()
            .unwrap();
        assert_eq!(by_name, registered.id);
        let new = p
            .resolve(&cells("包头稀土研究院", ""), HOLDER, 4)
            .unwrap()
            .unwrap();
        let again = p
            .resolve(&cells("包头稀土研究院", ""), HOLDER, 9)
            .unwrap()
            .unwrap();
        assert_eq!(new, again);
        assert_eq!(p.new_orgs.len(), 1);
        assert_eq!(p.new_orgs[0].draft.kind, "institute");
        assert_eq!(p.new_orgs[0].first_row, 4);
        assert!(p.organization(&new).is_ok());
    }

    #[test]
    fn a_bad_or_conflicting_credit_code_names_the_credit_column() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "甲公司".into(),
            credit_code: "91350100M000100Y43".into(),
            ..Default::default()
        })
        .unwrap();
        let mut p = Parties::new(&s);
        let bad = p
            .resolve(&cells("乙公司", "91350100M000100Y4Z"), HOLDER, 2)
            .unwrap()
            .unwrap_err();
        assert_eq!(bad.0[0].field, "holder_credit_code");
        let conflict = p
            .resolve(&cells("甲公司", &valid("91150000701462784")), HOLDER, 3)
            .unwrap()
            .unwrap_err();
        assert_eq!(conflict.0[0].field, "holder_credit_code");
        assert!(
            conflict
                .message(crate::domain::lang::Lang::Zh)
                .contains("不一致")
        );
    }

    #[test]
    fn kinds_are_guessed_from_names() {
        assert_eq!(guess_kind("内蒙古科技大学"), "university");
        assert_eq!(guess_kind("中科院包头稀土研发中心"), "institute");
        assert_eq!(guess_kind("包头市华美稀土高科有限公司"), "enterprise");
    }
}
