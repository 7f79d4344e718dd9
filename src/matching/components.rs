//! The parts of a match score, each a small pure function returning a value in 0..=1:
//! field, keywords, text, maturity, cooperation mode, price against budget, peers' interest.
use crate::domain::vocab::MATURITY;

/// How a need's field relates to an achievement's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldFit {
    Same,
    /// Neighbouring fields whose results often answer each other's needs.
    Related,
    Unrelated,
}

/// Pairs of fields whose results often serve each other's enterprises (rare-earth alloys for
/// new-materials makers, hydrogen from coal chemistry, …). Symmetric.
const RELATED_FIELDS: [(&str, &str); 20] = [
    ("稀土", "新材料"),
    ("稀土", "冶金化工"),
    ("稀土", "氢能"),
    ("新材料", "石墨烯"),
    ("新材料", "冶金化工"),
    ("石墨烯", "储能"),
    ("冶金化工", "煤化工"),
    ("冶金化工", "节能环保"),
    ("煤化工", "节能环保"),
    ("煤化工", "氢能"),
    ("新能源", "储能"),
    ("新能源", "氢能"),
    ("氢能", "储能"),
    ("现代农牧业", "生物医药"),
    ("现代农牧业", "沙产业"),
    ("生物医药", "蒙医药"),
    ("蒙医药", "沙产业"),
    ("电子信息", "先进制造"),
    ("先进制造", "新材料"),
    ("沙产业", "节能环保"),
];

pub fn field_fit(need_field: Option<&str>, achievement_field: &str) -> FieldFit {
    match need_field {
        Some(f) if f == achievement_field => FieldFit::Same,
        Some(f) if are_related(f, achievement_field) => FieldFit::Related,
        _ => FieldFit::Unrelated,
    }
}

pub fn are_related(a: &str, b: &str) -> bool {
    RELATED_FIELDS
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

/// [`field_fit`] for fields given as their place in the vocabulary (see
/// `features::field_code`): a table look-up, for scoring many records.
pub fn field_fit_by_code(need: u8, achievement: u8) -> FieldFit {
    static TABLE: std::sync::LazyLock<Vec<Vec<FieldFit>>> = std::sync::LazyLock::new(|| {
        let fields: Vec<&str> = crate::domain::vocab::TECH_FIELDS.values().collect();
        fields
            .iter()
            .map(|a| fields.iter().map(|b| field_fit(Some(a), b)).collect())
            .collect()
    });
    TABLE
        .get(usize::from(need))
        .and_then(|row| row.get(usize::from(achievement)))
        .copied()
        .unwrap_or(FieldFit::Unrelated)
}

pub fn field_score(fit: FieldFit) -> f32 {
    match fit {
        FieldFit::Same => 1.0,
        FieldFit::Related => 0.4,
        FieldFit::Unrelated => 0.0,
    }
}

/// 0 实验室, 1 小试, 2 中试, 3 产业化; from the maturity when given, else from the TRL
/// (1–3 laboratory, 4 bench, 5–6 pilot, 7–9 industrial).
pub fn maturity_rank(maturity: Option<&str>, trl: Option<u8>) -> Option<u8> {
    if let Some(m) = maturity
        && let Some(p) = MATURITY.values().position(|v| v == m)
    {
        return u8::try_from(p).ok();
    }
    match trl? {
        1..=3 => Some(0),
        4 => Some(1),
        5 | 6 => Some(2),
        7..=9 => Some(3),
        _ => None,
    }
}

/// The least maturity a need's description asks for: "中试以上", "中试及以上",
/// "达到产业化", "小试阶段以上"; the highest one named wins.
pub fn required_maturity(description: &str) -> Option<u8> {
    MATURITY
        .values()
        .enumerate()
        .filter(|(_, level)| {
            ["以上", "及以上", "阶段以上"]
                .iter()
                .any(|tail| description.contains(&format!("{level}{tail}")))
                || description.contains(&format!("达到{level}"))
        })
        .filter_map(|(i, _)| u8::try_from(i).ok())
        .max()
}

/// How an achievement's maturity meets a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaturityFit {
    Unknown,
    /// No requirement: the riper, the better.
    Plain(u8),
    Meets {
        level: u8,
        required: u8,
    },
    Below {
        level: u8,
        required: u8,
    },
}

pub fn maturity_fit(level: Option<u8>, required: Option<u8>) -> MaturityFit {
    match (level, required) {
        (None, _) => MaturityFit::Unknown,
        (Some(l), None) => MaturityFit::Plain(l),
        (Some(l), Some(r)) if l >= r => MaturityFit::Meets {
            level: l,
            required: r,
        },
        (Some(l), Some(r)) => MaturityFit::Below {
            level: l,
            required: r,
        },
    }
}

pub fn maturity_score(fit: MaturityFit) -> f32 {
    match fit {
        MaturityFit::Unknown => 0.5,
        MaturityFit::Plain(l) => (f32::from(l) + 1.0) / 4.0,
        MaturityFit::Meets { .. } => 1.0,
        MaturityFit::Below { .. } => 0.0,
    }
}

/// Whether the cooperation modes a need wants and an achievement offers (bit sets over the
/// transfer-mode vocabulary) agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeFit {
    /// One side did not say.
    Unknown,
    Shared(u8),
    Disjoint,
}

pub fn mode_fit(wanted: u8, offered: u8) -> ModeFit {
    if wanted == 0 || offered == 0 {
        ModeFit::Unknown
    } else if wanted & offered != 0 {
        ModeFit::Shared(wanted & offered)
    } else {
        ModeFit::Disjoint
    }
}

pub fn mode_score(fit: ModeFit) -> f32 {
    match fit {
        ModeFit::Unknown => 0.5,
        ModeFit::Shared(_) => 1.0,
        ModeFit::Disjoint => 0.0,
    }
}

/// An asking price against a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceFit {
    /// No budget given: price says nothing.
    NoBudget,
    /// A budget, but the price is negotiable (面议).
    Negotiable,
    Within,
    /// Up to half again the budget: worth a talk.
    Near,
    Above,
}

pub fn price_fit(budget_fen: Option<i64>, price_fen: Option<i64>) -> PriceFit {
    match (budget_fen, price_fen) {
        (None, _) => PriceFit::NoBudget,
        (Some(_), None) => PriceFit::Negotiable,
        (Some(b), Some(p)) if p <= b => PriceFit::Within,
        // p ≤ 1.5 b, in integers
        (Some(b), Some(p)) if i128::from(p) * 2 <= i128::from(b) * 3 => PriceFit::Near,
        _ => PriceFit::Above,
    }
}

pub fn price_score(fit: PriceFit) -> f32 {
    match fit {
        PriceFit::NoBudget | PriceFit::Negotiable => 0.5,
        PriceFit::Within => 1.0,
        PriceFit::Near => 0.5,
        PriceFit::Above => 0.0,
    }
}

/// Shared keywords, each weighted by how specific it is (0..=1): one specific keyword says
/// more than two generic ones, and more keywords saturate towards 1.
pub fn keyword_score(specificities: impl IntoIterator<Item = f32>) -> f32 {
    let total: f32 = specificities.into_iter().sum();
    1.0 - (-1.5 * total).exp()
}

/// Text similarity: the cosine of the two term vectors, stretched so that the cosine two
/// records about the same technology usually reach (about 0.5) counts fully.
pub fn text_score(cosine: f32) -> f32 {
    (cosine / 0.5).clamp(0.0, 1.0)
}

/// Interest from similar enterprises: the summed similarity × interest strength, saturating.
pub fn peer_score(weight: f32) -> f32 {
    1.0 - (-weight).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_same_related_unrelated() {
        assert_eq!(field_fit(Some("稀土"), "稀土"), FieldFit::Same);
        assert_eq!(field_fit(Some("氢能"), "稀土"), FieldFit::Related);
        assert_eq!(field_fit(Some("稀土"), "氢能"), FieldFit::Related);
        assert_eq!(field_fit(Some("稀土"), "蒙医药"), FieldFit::Unrelated);
        assert_eq!(field_fit(None, "稀土"), FieldFit::Unrelated);
        let code = |f| crate::matching::features::field_code(f).unwrap();
        assert_eq!(
            field_fit_by_code(code("稀土"), code("稀土")),
            FieldFit::Same
        );
        assert_eq!(
            field_fit_by_code(code("氢能"), code("稀土")),
            FieldFit::Related
        );
        assert_eq!(
            field_fit_by_code(code("蒙医药"), code("稀土")),
            FieldFit::Unrelated
        );
        assert!(field_score(FieldFit::Same) > field_score(FieldFit::Related));
        assert_eq!(field_score(FieldFit::Unrelated), 0.0);
    }

    #[test]
    fn related_fields_name_real_fields() {
        for (a, b) in RELATED_FIELDS {
            assert!(crate::domain::vocab::TECH_FIELDS.contains(a), "{a}");
            assert!(crate::domain::vocab::TECH_FIELDS.contains(b), "{b}");
        }
    }

    #[test]
    fn maturity_from_label_or_trl() {
        assert_eq!(
            maturity_rank(Some("产业化"), Some(2)),
            Some(3),
            "the label wins"
        );
        assert_eq!(maturity_rank(None, Some(6)), Some(2));
        assert_eq!(maturity_rank(None, Some(4)), Some(1));
        assert_eq!(maturity_rank(None, None), None);
        assert_eq!(maturity_rank(Some("概念"), Some(12)), None);
    }

    #[test]
    fn required_maturity_is_read_from_the_text() {
        assert_eq!(required_maturity("要求技术成熟度达到中试以上。"), Some(2));
        assert_eq!(required_maturity("小试及以上即可"), Some(1));
        assert_eq!(required_maturity("希望达到产业化"), Some(3));
        assert_eq!(required_maturity("可共建联合实验室。"), None);
    }

    #[test]
    fn maturity_meets_or_falls_short() {
        assert_eq!(maturity_score(maturity_fit(Some(3), Some(2))), 1.0);
        assert_eq!(maturity_score(maturity_fit(Some(1), Some(2))), 0.0);
        assert_eq!(maturity_score(maturity_fit(None, Some(2))), 0.5);
        assert!(
            maturity_score(maturity_fit(Some(3), None))
                > maturity_score(maturity_fit(Some(0), None))
        );
    }

    #[test]
    fn modes_shared_disjoint_unknown() {
        assert_eq!(mode_fit(0b0101, 0b0100), ModeFit::Shared(0b0100));
        assert_eq!(mode_fit(0b0001, 0b0110), ModeFit::Disjoint);
        assert_eq!(mode_fit(0, 0b0110), ModeFit::Unknown);
        assert!(mode_score(ModeFit::Shared(1)) > mode_score(ModeFit::Unknown));
        assert!(mode_score(ModeFit::Unknown) > mode_score(ModeFit::Disjoint));
    }

    #[test]
    fn price_against_budget() {
        let wan = 1_000_000; // fen in one 万元
        assert_eq!(
            price_fit(Some(500 * wan), Some(500 * wan)),
            PriceFit::Within
        );
        assert_eq!(price_fit(Some(500 * wan), Some(750 * wan)), PriceFit::Near);
        assert_eq!(price_fit(Some(500 * wan), Some(751 * wan)), PriceFit::Above);
        assert_eq!(price_fit(Some(500 * wan), None), PriceFit::Negotiable);
        assert_eq!(price_fit(None, Some(wan)), PriceFit::NoBudget);
        assert_eq!(price_fit(Some(i64::MAX), Some(i64::MAX)), PriceFit::Within);
        assert!(price_score(PriceFit::Within) > price_score(PriceFit::Near));
        assert_eq!(price_score(PriceFit::Above), 0.0);
    }

    #[test]
    fn keyword_scores_favour_specific_keywords_and_saturate() {
        let one_specific = keyword_score([0.9]);
        let two_generic = keyword_score([0.2, 0.2]);
        assert!(one_specific > two_generic);
        assert_eq!(keyword_score([]), 0.0);
        let many = keyword_score([1.0; 6]);
        assert!(many > 0.99 && many <= 1.0);
    }

    #[test]
    fn text_and_peer_scores_stay_in_range() {
        assert_eq!(text_score(0.25), 0.5);
        assert_eq!(text_score(0.9), 1.0);
        assert_eq!(text_score(-0.1), 0.0);
        assert_eq!(peer_score(0.0), 0.0);
        assert!(peer_score(3.0) > peer_score(1.0) && peer_score(3.0) < 1.0);
    }
}
