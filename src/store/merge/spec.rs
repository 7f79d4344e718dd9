//! What the merge needs to know about each kind of record: its table, its display code,
//! which columns point at other records, and which columns are bookkeeping rather than
//! content (two versions that differ only there are the same record, not a conflict).

/// A column pointing at a record of `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub column: &'static str,
    pub target: Entity,
}

/// The kinds of record a merge brings in, in the order they are merged (a record's
/// references are merged before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entity {
    Organization,
    Achievement,
    Need,
    Meeting,
    Agreement,
    Interest,
}

impl Entity {
    pub const ALL: [Entity; 6] = [
        Entity::Organization,
        Entity::Achievement,
        Entity::Need,
        Entity::Meeting,
        Entity::Agreement,
        Entity::Interest,
    ];

    /// The table, also the `entity` of its audit rows.
    pub fn table(self) -> &'static str {
        match self {
            Entity::Organization => "organization",
            Entity::Achievement => "achievement",
            Entity::Need => "need",
            Entity::Meeting => "meeting",
            Entity::Agreement => "agreement",
            Entity::Interest => "interest",
        }
    }

    pub fn from_table(table: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.table() == table)
    }

    /// The display code's prefix and digits (A001, S01), for kinds that have one.
    pub fn code(self) -> Option<(&'static str, usize)> {
        match self {
            Entity::Organization => Some(("O", 3)),
            Entity::Achievement => Some(("A", 3)),
            Entity::Need => Some(("N", 3)),
            Entity::Agreement => Some(("S", 2)),
            Entity::Meeting | Entity::Interest => None,
        }
    }

    pub fn references(self) -> &'static [Reference] {
        const ORG: Entity = Entity::Organization;
        const ACH: Entity = Entity::Achievement;
        const fn to(column: &'static str, target: Entity) -> Reference {
            Reference { column, target }
        }
        const HOLDER: &[Reference] = &[to("holder_id", ORG)];
        const NEED: &[Reference] = &[to("organization_id", ORG)];
        const MEETING: &[Reference] = &[
            to("enterprise_id", ORG),
            to("achievement_id", ACH),
            to("holder_id", ORG),
        ];
        const AGREEMENT: &[Reference] = &[to("buyer_id", ORG), to("seller_id", ORG)];
        const INTEREST: &[Reference] = &[to("enterprise_id", ORG), to("achievement_id", ACH)];
        match self {
            Entity::Organization => &[],
            Entity::Achievement => HOLDER,
            Entity::Need => NEED,
            Entity::Meeting => MEETING,
            Entity::Agreement => AGREEMENT,
            Entity::Interest => INTEREST,
        }
    }

    /// Columns that say who and when, not what: left out when two versions are compared.
    pub fn is_bookkeeping(self, column: &str) -> bool {
        matches!(
            column,
            "id" | "code" | "desk" | "created_at" | "updated_at" | "consent_at"
        ) || (self == Entity::Interest && column == "logged_at")
    }

    /// The column that makes two records with different ids the same one, if any:
    /// the credit code of an organization.
    pub fn natural_key(self) -> Option<&'static str> {
        match self {
            Entity::Organization => Some("credit_code"),
            _ => None,
        }
    }

    pub fn label(self, lang: crate::domain::lang::Lang) -> &'static str {
        let (zh, en) = match self {
            Entity::Organization => ("单位", "organization"),
            Entity::Achievement => ("成果", "achievement"),
            Entity::Need => ("需求", "need"),
            Entity::Meeting => ("洽谈", "meeting"),
            Entity::Agreement => ("签约", "agreement"),
            Entity::Interest => ("意向", "interest"),
        };
        lang.pick(zh, en)
    }
}
