//! Why a pair was suggested, as structured data (for JSON and screens) rendered to plain
//! Chinese or English ("同领域：稀土；3 个共同关键词：永磁、钕铁硼、晶界扩散；报价在预算内").
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::vocab::{MATURITY, REGIONS, TECH_FIELDS, TRANSFER_MODES, Vocabulary};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    SameField {
        field: String,
    },
    /// The need's (or enterprise's) field and the achievement's are neighbours.
    RelatedField {
        wanted: String,
        offered: String,
    },
    SharedKeywords {
        keywords: Vec<String>,
    },
    SimilarTitle {
        phrase: String,
    },
    SimilarDescription,
    /// Maturity worth mentioning when the need asked for none (中试 or riper).
    Maturity {
        level: String,
    },
    MaturityMeets {
        level: String,
        required: String,
    },
    MaturityBelow {
        level: String,
        required: String,
    },
    ModesShared {
        modes: Vec<String>,
    },
    ModesDiffer {
        wanted: Vec<String>,
        offered: Vec<String>,
    },
    PriceWithinBudget {
        price_fen: i64,
        budget_fen: i64,
    },
    PriceNearBudget {
        price_fen: i64,
        budget_fen: i64,
    },
    PriceAboveBudget {
        price_fen: i64,
        budget_fen: i64,
    },
    PriceNegotiable,
    /// Enterprises like the need's enterprise were interested in the achievement.
    PeersInterested {
        count: usize,
    },
    /// The enterprise posted a need the achievement answers.
    MatchesNeed {
        need_code: String,
        need_title: String,
    },
    /// The enterprise was interested in an achievement like this one.
    InterestedInSimilar {
        code: String,
        title: String,
    },
    SameIndustry {
        industry: String,
    },
    RelatedIndustry {
        industry: String,
    },
    SameRegion {
        region: String,
    },
}

impl Reason {
    /// A reason that speaks against the pair (shown, not hidden: staff should know).
    pub fn is_caution(&self) -> bool {
        matches!(
            self,
            Reason::MaturityBelow { .. }
                | Reason::ModesDiffer { .. }
                | Reason::PriceAboveBudget { .. }
        )
    }

    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let field = |f: &str| TECH_FIELDS.label(f, lang);
        let maturity = |m: &str| label_lower(&MATURITY, m, lang);
        let money = |fen: i64| Money::from_fen(fen).format_auto(lang);
        match self {
            Reason::SameField { field: f } if zh => format!("同领域：{}", field(f)),
            Reason::SameField { field: f } => format!("same field: {}", field(f)),
            Reason::RelatedField { wanted, offered } if zh => {
                format!("相关领域：{}—{}", field(wanted), field(offered))
            }
            Reason::RelatedField { wanted, offered } => {
                format!("related fields: {} / {}", field(wanted), field(offered))
            }
            Reason::SharedKeywords { keywords } if zh => {
                format!("{} 个共同关键词：{}", keywords.len(), keywords.join("、"))
            }
            Reason::SharedKeywords { keywords } => format!(
                "{} shared keyword{}: {}",
                keywords.len(),
                plural(keywords.len()),
                keywords.join(", ")
            ),
            Reason::SimilarTitle { phrase } if zh => format!("标题相近：{phrase}"),
            Reason::SimilarTitle { phrase } => format!("similar title: {phrase}"),
            Reason::SimilarDescription if zh => "内容相近".to_string(),
            Reason::SimilarDescription => "similar description".to_string(),
            Reason::Maturity { level } if zh => format!("成熟度：{}", maturity(level)),
            Reason::Maturity { level } => format!("maturity: {}", maturity(level)),
            Reason::MaturityMeets { level, required } if zh => {
                format!(
                    "成熟度{}，满足{}以上要求",
                    maturity(level),
                    maturity(required)
                )
            }
            Reason::MaturityMeets { level, required } => format!(
                "maturity {} meets the required {} or above",
                maturity(level),
                maturity(required)
            ),
            Reason::MaturityBelow { level, required } if zh => {
                format!(
                    "成熟度仅{}，未达{}以上要求",
                    maturity(level),
                    maturity(required)
                )
            }
            Reason::MaturityBelow { level, required } => format!(
                "maturity only {}, short of the required {}",
                maturity(level),
                maturity(required)
            ),
            Reason::ModesShared { modes } if zh => {
                format!("合作方式相符：{}", modes_text(modes, lang))
            }
            Reason::ModesShared { modes } => {
                format!("cooperation fits: {}", modes_text(modes, lang))
            }
            Reason::ModesDiffer { wanted, offered } if zh => format!(
                "合作方式不同：需求为{}，成果提供{}",
                modes_text(wanted, lang),
                modes_text(offered, lang)
            ),
            Reason::ModesDiffer { wanted, offered } => format!(
                "cooperation differs: wanted {}, offered {}",
                modes_text(wanted, lang),
                modes_text(offered, lang)
            ),
            Reason::PriceWithinBudget {
                price_fen,
                budget_fen,
            } if zh => format!(
                "报价在预算内（{} ≤ {}）",
                money(*price_fen),
                money(*budget_fen)
            ),
            Reason::PriceWithinBudget {
                price_fen,
                budget_fen,
            } => format!(
                "price within budget ({} ≤ {})",
                money(*price_fen),
                money(*budget_fen)
            ),
            Reason::PriceNearBudget {
                price_fen,
                budget_fen,
            } if zh => format!(
                "报价略高于预算（{}，预算 {}）",
                money(*price_fen),
                money(*budget_fen)
            ),
            Reason::PriceNearBudget {
                price_fen,
                budget_fen,
            } => format!(
                "price a little over budget ({}, budget {})",
                money(*price_fen),
                money(*budget_fen)
            ),
            Reason::PriceAboveBudget {
                price_fen,
                budget_fen,
            } if zh => format!(
                "报价超出预算（{}，预算 {}）",
                money(*price_fen),
                money(*budget_fen)
            ),
            Reason::PriceAboveBudget {
                price_fen,
                budget_fen,
            } => format!(
                "price over budget ({}, budget {})",
                money(*price_fen),
                money(*budget_fen)
            ),
            Reason::PriceNegotiable if zh => "价格面议".to_string(),
            Reason::PriceNegotiable => "price negotiable".to_string(),
            Reason::PeersInterested { count } if zh => format!("{count} 家同类企业有意向"),
            Reason::PeersInterested { count } => {
                format!("{count} similar enterprise{} interested", plural(*count))
            }
            Reason::MatchesNeed {
                need_code,
                need_title,
            } if zh => format!("需求相符：{need_code} {need_title}"),
            Reason::MatchesNeed {
                need_code,
                need_title,
            } => format!("matches need {need_code}: {need_title}"),
            Reason::InterestedInSimilar { code, title } if zh => {
                format!("关注过相似成果 {code}：{title}")
            }
            Reason::InterestedInSimilar { code, title } => {
                format!("interested in a similar result, {code}: {title}")
            }
            Reason::SameIndustry { industry } if zh => format!("所属行业：{}", field(industry)),
            Reason::SameIndustry { industry } => format!("industry: {}", field(industry)),
            Reason::RelatedIndustry { industry } if zh => {
                format!("行业相关：{}", field(industry))
            }
            Reason::RelatedIndustry { industry } => {
                format!("related industry: {}", field(industry))
            }
            Reason::SameRegion { region } if zh => {
                format!("与持有单位同在{}", REGIONS.label(region, lang))
            }
            Reason::SameRegion { region } => {
                format!("same region as the holder: {}", REGIONS.label(region, lang))
            }
        }
    }
}

/// All reasons as one line: `；` between them in Chinese, `; ` in English.
pub fn render(reasons: &[Reason], lang: Lang) -> String {
    let parts: Vec<String> = reasons.iter().map(|r| r.text(lang)).collect();
    parts.join(lang.pick("；", "; "))
}

/// Vocabulary labels run inside English sentences, so they start lower-case there.
fn label_lower(vocabulary: &Vocabulary, value: &str, lang: Lang) -> String {
    let label = vocabulary.label(value, lang);
    match lang {
        Lang::Zh => label,
        Lang::En => label.to_lowercase(),
    }
}

fn modes_text(modes: &[String], lang: Lang) -> String {
    let labels: Vec<String> = modes
        .iter()
        .map(|m| label_lower(&TRANSFER_MODES, m, lang))
        .collect();
    labels.join(lang.pick("、", ", "))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Vec<Reason> {
        vec![
            Reason::SameField {
                field: "稀土".into(),
            },
            Reason::SharedKeywords {
                keywords: vec!["永磁".into(), "钕铁硼".into(), "晶界扩散".into()],
            },
            Reason::PriceWithinBudget {
                price_fen: 100_000_000,
                budget_fen: 500_000_000,
            },
        ]
    }

    #[test]
    fn the_issue_example_reads_in_both_languages() {
        assert_eq!(
            render(&example(), Lang::Zh),
            "同领域：稀土；3 个共同关键词：永磁、钕铁硼、晶界扩散；报价在预算内（100.00万元 ≤ 500.00万元）"
        );
        assert_eq!(
            render(&example(), Lang::En),
            "same field: Rare earths; 3 shared keywords: 永磁, 钕铁硼, 晶界扩散; price within budget (¥1,000,000 ≤ ¥5,000,000)"
        );
    }

    #[test]
    fn cautions_and_vocabulary_labels() {
        let below = Reason::MaturityBelow {
            level: "小试".into(),
            required: "中试".into(),
        };
        assert!(below.is_caution());
        assert_eq!(below.text(Lang::Zh), "成熟度仅小试，未达中试以上要求");
        assert_eq!(
            below.text(Lang::En),
            "maturity only bench scale, short of the required pilot scale"
        );
        let modes = Reason::ModesDiffer {
            wanted: vec!["转让".into()],
            offered: vec!["许可".into(), "作价投资".into()],
        };
        assert!(modes.is_caution());
        assert_eq!(
            modes.text(Lang::Zh),
            "合作方式不同：需求为转让，成果提供许可、作价投资"
        );
        assert_eq!(
            modes.text(Lang::En),
            "cooperation differs: wanted transfer, offered licensing, equity investment"
        );
        assert!(!Reason::PriceNegotiable.is_caution());
    }

    #[test]
    fn every_reason_has_text_in_both_languages() {
        let all = vec![
            Reason::RelatedField {
                wanted: "氢能".into(),
                offered: "稀土".into(),
            },
            Reason::SimilarTitle {
                phrase: "储氢合金".into(),
            },
            Reason::SimilarDescription,
            Reason::Maturity {
                level: "产业化".into(),
            },
            Reason::MaturityMeets {
                level: "产业化".into(),
                required: "中试".into(),
            },
            Reason::ModesShared {
                modes: vec!["合作开发".into()],
            },
            Reason::PriceNearBudget {
                price_fen: 6,
                budget_fen: 5,
            },
            Reason::PriceAboveBudget {
                price_fen: 9,
                budget_fen: 5,
            },
            Reason::PriceNegotiable,
            Reason::PeersInterested { count: 1 },
            Reason::MatchesNeed {
                need_code: "N005".into(),
                need_title: "稀土储氢合金性能提升需求".into(),
            },
            Reason::InterestedInSimilar {
                code: "A010".into(),
                title: "稀土储氢合金制备技术".into(),
            },
            Reason::SameIndustry {
                industry: "稀土".into(),
            },
            Reason::RelatedIndustry {
                industry: "新材料".into(),
            },
            Reason::SameRegion {
                region: "包头市".into(),
            },
        ];
        for r in &all {
            let zh = r.text(Lang::Zh);
            let en = r.text(Lang::En);
            assert!(!zh.is_empty() && !en.is_empty());
            assert_ne!(zh, en, "{r:?}");
            assert!(
                !en.contains("领域") && !en.contains("预算"),
                "English has no Chinese boilerplate: {en}"
            );
        }
        assert_eq!(all[9].text(Lang::En), "1 similar enterprise interested");
        assert_eq!(all[14].text(Lang::En), "same region as the holder: Baotou");
        assert_eq!(all[14].text(Lang::Zh), "与持有单位同在包头市");
    }

    #[test]
    fn reasons_serialize_with_their_kind() {
        let json = serde_json::to_value(&example()[1]).unwrap();
        assert_eq!(json["kind"], "shared_keywords");
        assert_eq!(json["keywords"][2], "晶界扩散");
    }
}
