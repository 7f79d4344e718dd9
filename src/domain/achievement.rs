//! Achievements (科技成果): the results shown at the fair.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::lookup::Lookup;
use crate::domain::loose;
use crate::domain::money::Money;
use crate::domain::parse::{
    list, optional_int, optional_line, optional_money, optional_term, optional_text, required_line,
    required_term, vocab_list,
};
use crate::domain::vocab::{MATURITY, TECH_FIELDS, TRANSFER_MODES};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An achievement as typed in a form or sent by a script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AchievementInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub code: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub title: String,
    /// The holder organization: id, credit code, code or exact name.
    #[serde(default, deserialize_with = "loose::text")]
    pub holder: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub field: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub maturity: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub trl: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub patents: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub transfer_modes: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub asking_price: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub summary: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub keywords: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub booth: String,
}

/// A checked achievement, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchievementDraft {
    pub title: String,
    pub holder_id: String,
    pub field: String,
    pub maturity: Option<String>,
    pub trl: Option<u8>,
    pub patents: Vec<String>,
    pub transfer_modes: Vec<String>,
    pub asking_price: Option<Money>,
    pub summary: Option<String>,
    pub keywords: Vec<String>,
    pub booth: Option<String>,
}

/// A stored achievement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Achievement {
    pub id: String,
    pub code: String,
    #[serde(flatten)]
    pub data: AchievementDraft,
    /// `active` or `withdrawn`.
    pub status: String,
    pub status_reason: Option<String>,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What lists, pickers and labels show of an achievement. A large fair has 100,000, so
/// the screens keep this much of each, sharing the texts many have in common (holder,
/// field, maturity, status); the whole record is read when its details or form open.
///
/// Its own texts (id, code, title, keywords, booth) sit one after the other in one
/// allocation: five strings each would cost 40 bytes more per brief in the vector and
/// about 100 bytes more in the allocator's bookkeeping (14 MB at 100,000).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AchievementBrief {
    texts: Box<str>,
    /// Where the id, the code, the title and the keywords end in `texts` (the booth
    /// takes the rest).
    ends: [u32; 4],
    has_booth: bool,
    pub holder_id: Arc<str>,
    pub field: Arc<str>,
    pub maturity: Option<Arc<str>>,
    pub asking_price: Option<Money>,
    /// `active` or `withdrawn`.
    pub status: Arc<str>,
    /// How many interests it has.
    pub interests: u32,
}

/// An achievement brief's own texts, to make one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BriefTexts<'a> {
    pub id: &'a str,
    pub code: &'a str,
    pub title: &'a str,
    /// The keywords, each once; the brief keeps them space-separated.
    pub keywords: &'a [String],
    pub booth: Option<&'a str>,
}

/// What an achievement brief shares with others (its holder, field, maturity, status),
/// and its price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefShared {
    pub holder_id: Arc<str>,
    pub field: Arc<str>,
    pub maturity: Option<Arc<str>>,
    pub asking_price: Option<Money>,
    pub status: Arc<str>,
}

impl AchievementBrief {
    /// A brief with no interests counted yet.
    pub fn new(texts: BriefTexts<'_>, shared: BriefShared) -> AchievementBrief {
        let keywords_len = texts.keywords.iter().map(|k| k.len() + 1).sum::<usize>();
        let (all, ends) = pack(&texts, keywords_len, |all| {
            for (i, keyword) in texts.keywords.iter().enumerate() {
                if i > 0 {
                    all.push(' ');
                }
                all.push_str(keyword);
            }
        });
        AchievementBrief {
            texts: all,
            ends,
            has_booth: texts.booth.is_some(),
            holder_id: shared.holder_id,
            field: shared.field,
            maturity: shared.maturity,
            asking_price: shared.asking_price,
            status: shared.status,
            interests: 0,
        }
    }

    /// Gives the brief another title.
    pub fn set_title(&mut self, title: &str) {
        let keywords = self.keywords();
        let texts = BriefTexts {
            id: self.id(),
            code: self.code(),
            title,
            keywords: &[],
            booth: self.booth(),
        };
        let (all, ends) = pack(&texts, keywords.len(), |all| all.push_str(keywords));
        self.texts = all;
        self.ends = ends;
    }

    /// The text between two ends (empty if they do not fall on its char boundaries,
    /// which `new` never makes).
    fn text(&self, start: u32, end: Option<u32>) -> &str {
        let start = start as usize;
        match end {
            Some(end) => self.texts.get(start..end as usize),
            None => self.texts.get(start..),
        }
        .unwrap_or("")
    }

    pub fn id(&self) -> &str {
        self.text(0, Some(self.ends[0]))
    }

    pub fn code(&self) -> &str {
        self.text(self.ends[0], Some(self.ends[1]))
    }

    pub fn title(&self) -> &str {
        self.text(self.ends[1], Some(self.ends[2]))
    }

    /// The keywords, space-separated.
    pub fn keywords(&self) -> &str {
        self.text(self.ends[2], Some(self.ends[3]))
    }

    pub fn booth(&self) -> Option<&str> {
        self.has_booth.then(|| self.text(self.ends[3], None))
    }

    /// The positions of `briefs` in id order: where a binary search finds one by id.
    pub fn id_order(briefs: &[AchievementBrief]) -> Vec<u32> {
        let mut by_id: Vec<u32> = (0..briefs.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| briefs[a as usize].id().cmp(briefs[b as usize].id()));
        by_id
    }
}

/// The texts one after the other (the keywords written by `keywords`, at most
/// `keywords_len` bytes), and where each but the booth ends.
fn pack(
    texts: &BriefTexts<'_>,
    keywords_len: usize,
    keywords: impl FnOnce(&mut String),
) -> (Box<str>, [u32; 4]) {
    let booth = texts.booth.unwrap_or("");
    let mut all = String::with_capacity(
        texts.id.len() + texts.code.len() + texts.title.len() + keywords_len + booth.len(),
    );
    // A brief's texts are a few hundred bytes; past 4 GB a text would come out empty.
    let end = |all: &String| u32::try_from(all.len()).unwrap_or(u32::MAX);
    let mut ends = [0u32; 4];
    all.push_str(texts.id);
    ends[0] = end(&all);
    all.push_str(texts.code);
    ends[1] = end(&all);
    all.push_str(texts.title);
    ends[2] = end(&all);
    keywords(&mut all);
    ends[3] = end(&all);
    all.push_str(booth);
    (all.into_boxed_str(), ends)
}

impl AchievementInput {
    pub fn validate(&self, lookup: &dyn Lookup) -> Result<AchievementDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = required_line(&mut errors, "title", &self.title);
        let holder_id = if self.holder.trim().is_empty() {
            errors.push("holder", Problem::Required);
            String::new()
        } else {
            match lookup.organization(self.holder.trim()) {
                Ok(org) => org.id,
                Err(p) => {
                    errors.push("holder", p);
                    String::new()
                }
            }
        };
        let field = required_term(&mut errors, "field", &self.field, &TECH_FIELDS);
        let maturity = optional_term(&mut errors, "maturity", &self.maturity, &MATURITY);
        let trl = optional_int(&mut errors, "trl", &self.trl, 1, 9).map(|n| n as u8);
        let patents = list(&self.patents);
        let transfer_modes = vocab_list(
            &mut errors,
            "transfer_modes",
            &self.transfer_modes,
            &TRANSFER_MODES,
        );
        let asking_price = optional_money(&mut errors, "asking_price", &self.asking_price);
        let summary = optional_text(&mut errors, "summary", &self.summary);
        let keywords = list(&self.keywords);
        let booth = optional_line(&mut errors, "booth", &self.booth);
        errors.into_result(AchievementDraft {
            title,
            holder_id,
            field,
            maturity,
            trl,
            patents,
            transfer_modes,
            asking_price,
            summary,
            keywords,
            booth,
        })
    }
}

impl AchievementDraft {
    /// The form's text for each field; `holder` is given as the holder's name.
    pub fn to_input(&self, holder_name: &str) -> AchievementInput {
        AchievementInput {
            title: self.title.clone(),
            holder: holder_name.to_string(),
            field: self.field.clone(),
            maturity: self.maturity.clone().unwrap_or_default(),
            trl: self.trl.map(|t| t.to_string()).unwrap_or_default(),
            patents: self.patents.join(", "),
            transfer_modes: self.transfer_modes.join("、"),
            asking_price: self
                .asking_price
                .map(|m| m.format_plain())
                .unwrap_or_default(),
            summary: self.summary.clone().unwrap_or_default(),
            keywords: self.keywords.join("、"),
            booth: self.booth.clone().unwrap_or_default(),
            ..AchievementInput::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lookup::fake::FakeLookup;

    fn input(json: &str) -> AchievementInput {
        serde_json::from_str(json).unwrap()
    }

    fn brief(keywords: &[&str], booth: Option<&str>) -> AchievementBrief {
        let keywords: Vec<String> = keywords.iter().map(|k| k.to_string()).collect();
        AchievementBrief::new(
            BriefTexts {
                id: "0190-ab",
                code: "A001",
                title: "稀土永磁材料",
                keywords: &keywords,
                booth,
            },
            BriefShared {
                holder_id: "org-1".into(),
                field: "稀土".into(),
                maturity: None,
                asking_price: None,
                status: "active".into(),
            },
        )
    }

    #[test]
    fn a_brief_gives_back_each_of_its_texts() {
        let b = brief(&["钕铁硼", "magnet"], Some("B-12"));
        assert_eq!(
            (b.id(), b.code(), b.title(), b.keywords(), b.booth()),
            (
                "0190-ab",
                "A001",
                "稀土永磁材料",
                "钕铁硼 magnet",
                Some("B-12")
            )
        );
        assert_eq!(b.interests, 0);
        let bare = brief(&[], None);
        assert_eq!((bare.keywords(), bare.booth()), ("", None));
        // An empty booth is not a missing one.
        assert_eq!(brief(&[], Some("")).booth(), Some(""));
    }

    #[test]
    fn a_brief_keeps_its_other_texts_when_retitled() {
        let mut b = brief(&["钕铁硼"], Some("B-12"));
        b.set_title("新标题 longer than before");
        assert_eq!(
            (b.id(), b.code(), b.title(), b.keywords(), b.booth()),
            (
                "0190-ab",
                "A001",
                "新标题 longer than before",
                "钕铁硼",
                Some("B-12")
            )
        );
        let mut bare = brief(&[], None);
        bare.set_title("");
        assert_eq!(
            (bare.code(), bare.title(), bare.booth()),
            ("A001", "", None)
        );
    }

    #[test]
    fn validates_with_people_style_money_and_lists() {
        let draft = input(
            r#"{"title":"高性能钕铁硼永磁材料晶界扩散技术","holder":"中科院包头稀土研发中心",
                "field":"稀土","maturity":"中试","trl":6,"transfer_modes":["许可","作价投资"],
                "asking_price":"12.5万","keywords":"永磁、钕铁硼"}"#,
        )
        .validate(&FakeLookup::sample())
        .unwrap();
        assert_eq!(draft.holder_id, "i1");
        assert_eq!(draft.asking_price, Some(Money::from_fen(12_500_000)));
        assert_eq!(draft.transfer_modes, vec!["许可", "作价投资"]);
        assert_eq!(draft.keywords, vec!["永磁", "钕铁硼"]);
        assert_eq!(draft.trl, Some(6));
    }

    #[test]
    fn missing_title_unknown_holder_and_bad_price_are_named() {
        let errors =
            input(r#"{"holder":"不存在大学","field":"稀土","asking_price":"十二万","trl":"12"}"#)
                .validate(&FakeLookup::sample())
                .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["title", "holder", "trl", "asking_price"]);
    }

    #[test]
    fn to_input_round_trips() {
        let lookup = FakeLookup::sample();
        let draft = input(
            r#"{"title":"胡芪降脂胶囊","holder":"u1","field":"蒙医药","asking_price":"300万",
                "patents":["ZL201510123456.7"],"keywords":["蒙药","降脂"]}"#,
        )
        .validate(&lookup)
        .unwrap();
        assert_eq!(draft.to_input("u1").validate(&lookup).unwrap(), draft);
    }
}
