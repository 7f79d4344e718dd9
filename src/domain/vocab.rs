//! Fixed vocabularies: stored as their Chinese label (or a code), shown in either language.
use crate::domain::lang::Lang;

/// One allowed value: the Chinese label (the stored value, except for code vocabularies)
/// and its English label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub zh: &'static str,
    pub en: &'static str,
}

/// A closed list of values, with extra spellings (`aliases`, as (alias, canonical zh)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vocabulary {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub terms: &'static [Term],
    pub aliases: &'static [(&'static str, &'static str)],
}

const fn t(zh: &'static str, en: &'static str) -> Term {
    Term { zh, en }
}

impl Vocabulary {
    fn term(&self, input: &str) -> Option<&'static Term> {
        let input = input.trim();
        if input.is_empty() {
            return None;
        }
        let terms: &'static [Term] = self.terms;
        if let Some(term) = terms.iter().find(|t| t.zh == input) {
            return Some(term);
        }
        if let Some(term) = terms.iter().find(|t| t.en.eq_ignore_ascii_case(input)) {
            return Some(term);
        }
        let (_, target) = self
            .aliases
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(input))?;
        terms.iter().find(|t| t.zh == *target)
    }

    /// The stored (Chinese) value for what someone typed: the Chinese label, the English label
    /// in any case, or an alias; surrounding spaces are ignored.
    pub fn canonical(&self, input: &str) -> Option<&'static str> {
        self.term(input).map(|t| t.zh)
    }

    /// How to show a stored value; unknown values are shown as they are.
    pub fn label(&self, value: &str, lang: Lang) -> String {
        match (self.term(value), lang) {
            (Some(term), Lang::Zh) => term.zh.to_string(),
            (Some(term), Lang::En) => term.en.to_string(),
            (None, _) => value.to_string(),
        }
    }

    /// Whether `value` is exactly one of the stored values.
    pub fn contains(&self, value: &str) -> bool {
        self.terms.iter().any(|t| t.zh == value)
    }

    /// The stored values, in order.
    pub fn values(&self) -> impl Iterator<Item = &'static str> + use<> {
        let terms: &'static [Term] = self.terms;
        terms.iter().map(|t| t.zh)
    }

    /// The vocabulary's own name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.name_zh,
            Lang::En => self.name_en,
        }
    }
}

pub static TECH_FIELDS: Vocabulary = Vocabulary {
    name_zh: "技术领域",
    name_en: "Technology field",
    terms: &[
        t("稀土", "Rare earths"),
        t("新材料", "New materials"),
        t("石墨烯", "Graphene"),
        t("冶金化工", "Metallurgy & chemicals"),
        t("煤化工", "Coal chemicals"),
        t("现代农牧业", "Modern agriculture & husbandry"),
        t("生物医药", "Biomedicine"),
        t("蒙医药", "Mongolian medicine"),
        t("新能源", "New energy"),
        t("氢能", "Hydrogen energy"),
        t("储能", "Energy storage"),
        t("节能环保", "Energy saving & environment"),
        t("电子信息", "Electronics & IT"),
        t("先进制造", "Advanced manufacturing"),
        t("沙产业", "Desert industry"),
        t("其他", "Other"),
    ],
    aliases: &[
        ("煤气化", "煤化工"),
        ("稀土材料", "稀土"),
        ("rare earth", "稀土"),
        ("农牧业", "现代农牧业"),
        ("医药", "生物医药"),
        ("蒙药", "蒙医药"),
        ("氢能源", "氢能"),
        ("hydrogen", "氢能"),
        ("环保", "节能环保"),
        ("装备制造", "先进制造"),
        ("智能制造", "先进制造"),
        ("其它", "其他"),
    ],
};

/// The first [`INNER_MONGOLIA_REGION_COUNT`] terms of [`REGIONS`] are Inner Mongolia's 盟市.
pub const INNER_MONGOLIA_REGION_COUNT: usize = 12;

pub static REGIONS: Vocabulary = Vocabulary {
    name_zh: "地区",
    name_en: "Region",
    terms: &[
        t("呼和浩特市", "Hohhot"),
        t("包头市", "Baotou"),
        t("乌海市", "Wuhai"),
        t("赤峰市", "Chifeng"),
        t("通辽市", "Tongliao"),
        t("鄂尔多斯市", "Ordos"),
        t("呼伦贝尔市", "Hulunbuir"),
        t("巴彦淖尔市", "Bayannur"),
        t("乌兰察布市", "Ulanqab"),
        t("兴安盟", "Hinggan League"),
        t("锡林郭勒盟", "Xilingol League"),
        t("阿拉善盟", "Alxa League"),
        t("北京市", "Beijing"),
        t("天津市", "Tianjin"),
        t("河北省", "Hebei"),
        t("山西省", "Shanxi"),
        t("辽宁省", "Liaoning"),
        t("吉林省", "Jilin"),
        t("黑龙江省", "Heilongjiang"),
        t("上海市", "Shanghai"),
        t("江苏省", "Jiangsu"),
        t("浙江省", "Zhejiang"),
        t("安徽省", "Anhui"),
        t("福建省", "Fujian"),
        t("江西省", "Jiangxi"),
        t("山东省", "Shandong"),
        t("河南省", "Henan"),
        t("湖北省", "Hubei"),
        t("湖南省", "Hunan"),
        t("广东省", "Guangdong"),
        t("广西壮族自治区", "Guangxi"),
        t("海南省", "Hainan"),
        t("重庆市", "Chongqing"),
        t("四川省", "Sichuan"),
        t("贵州省", "Guizhou"),
        t("云南省", "Yunnan"),
        t("西藏自治区", "Xizang"),
        t("陕西省", "Shaanxi"),
        t("甘肃省", "Gansu"),
        t("青海省", "Qinghai"),
        t("宁夏回族自治区", "Ningxia"),
        t("新疆维吾尔自治区", "Xinjiang"),
        t("香港特别行政区", "Hong Kong"),
        t("澳门特别行政区", "Macao"),
        t("台湾省", "Taiwan"),
        t("境外", "Outside China"),
    ],
    aliases: &[
        ("呼和浩特", "呼和浩特市"),
        ("呼市", "呼和浩特市"),
        ("包头", "包头市"),
        ("乌海", "乌海市"),
        ("赤峰", "赤峰市"),
        ("通辽", "通辽市"),
        ("鄂尔多斯", "鄂尔多斯市"),
        ("呼伦贝尔", "呼伦贝尔市"),
        ("巴彦淖尔", "巴彦淖尔市"),
        ("乌兰察布", "乌兰察布市"),
        ("兴安", "兴安盟"),
        ("锡林郭勒", "锡林郭勒盟"),
        ("阿拉善", "阿拉善盟"),
        ("Hinggan", "兴安盟"),
        ("Xilingol", "锡林郭勒盟"),
        ("Alxa", "阿拉善盟"),
        ("Alashan", "阿拉善盟"),
        ("Ulanqab City", "乌兰察布市"),
        ("Hohhot City", "呼和浩特市"),
        ("Baotou City", "包头市"),
        ("Ordos City", "鄂尔多斯市"),
        ("北京", "北京市"),
        ("天津", "天津市"),
        ("河北", "河北省"),
        ("山西", "山西省"),
        ("辽宁", "辽宁省"),
        ("吉林", "吉林省"),
        ("黑龙江", "黑龙江省"),
        ("上海", "上海市"),
        ("江苏", "江苏省"),
        ("浙江", "浙江省"),
        ("安徽", "安徽省"),
        ("福建", "福建省"),
        ("江西", "江西省"),
        ("山东", "山东省"),
        ("河南", "河南省"),
        ("湖北", "湖北省"),
        ("湖南", "湖南省"),
        ("广东", "广东省"),
        ("广西", "广西壮族自治区"),
        ("海南", "海南省"),
        ("重庆", "重庆市"),
        ("四川", "四川省"),
        ("贵州", "贵州省"),
        ("云南", "云南省"),
        ("西藏", "西藏自治区"),
        ("Tibet", "西藏自治区"),
        ("陕西", "陕西省"),
        ("甘肃", "甘肃省"),
        ("青海", "青海省"),
        ("宁夏", "宁夏回族自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("香港", "香港特别行政区"),
        ("澳门", "澳门特别行政区"),
        ("Macau", "澳门特别行政区"),
        ("台湾", "台湾省"),
        ("国外", "境外"),
        ("海外", "境外"),
        ("Abroad", "境外"),
        ("Overseas", "境外"),
    ],
};

/// Whether `region` (any spelling [`REGIONS`] accepts) is one of Inner Mongolia's 12 盟市.
pub fn is_inner_mongolia(region: &str) -> bool {
    REGIONS
        .canonical(region)
        .is_some_and(|value| inner_mongolia_regions().iter().any(|t| t.zh == value))
}

/// Inner Mongolia's 12 盟市, in the official order.
pub fn inner_mongolia_regions() -> &'static [Term] {
    let terms: &'static [Term] = REGIONS.terms;
    terms.get(..INNER_MONGOLIA_REGION_COUNT).unwrap_or(terms)
}

pub static MATURITY: Vocabulary = Vocabulary {
    name_zh: "成熟度",
    name_en: "Maturity",
    terms: &[
        t("实验室", "Laboratory"),
        t("小试", "Bench scale"),
        t("中试", "Pilot scale"),
        t("产业化", "Industrialised"),
    ],
    aliases: &[
        ("实验室阶段", "实验室"),
        ("小试阶段", "小试"),
        ("中试阶段", "中试"),
        ("产业化阶段", "产业化"),
        ("Lab", "实验室"),
        ("Pilot", "中试"),
        ("Industrialized", "产业化"),
    ],
};

pub static TRANSFER_MODES: Vocabulary = Vocabulary {
    name_zh: "转化方式",
    name_en: "Transfer mode",
    terms: &[
        t("转让", "Transfer"),
        t("许可", "Licensing"),
        t("作价投资", "Equity investment"),
        t("合作开发", "Joint development"),
        t("技术服务", "Technical service"),
    ],
    aliases: &[
        ("技术转让", "转让"),
        ("专利转让", "转让"),
        ("技术许可", "许可"),
        ("专利许可", "许可"),
        ("License", "许可"),
        ("Licence", "许可"),
        ("入股", "作价投资"),
        ("技术入股", "作价投资"),
        ("作价入股", "作价投资"),
        ("联合开发", "合作开发"),
    ],
};

/// Rising order: 咨询 < 有意向 < 深度洽谈.
pub static INTEREST_LEVELS: Vocabulary = Vocabulary {
    name_zh: "意向程度",
    name_en: "Interest level",
    terms: &[
        t("咨询", "Enquiry"),
        t("有意向", "Interested"),
        t("深度洽谈", "In-depth talks"),
    ],
    aliases: &[
        ("Inquiry", "咨询"),
        ("意向", "有意向"),
        ("深度", "深度洽谈"),
        ("洽谈", "深度洽谈"),
    ],
};

pub static CONTRACT_TYPES: Vocabulary = Vocabulary {
    name_zh: "合同类型",
    name_en: "Contract type",
    terms: &[
        t("技术开发", "Technology development"),
        t("技术转让", "Technology transfer"),
        t("技术许可", "Technology licensing"),
        t("技术咨询", "Technical consulting"),
        t("技术服务", "Technical service"),
    ],
    aliases: &[
        ("开发", "技术开发"),
        ("转让", "技术转让"),
        ("许可", "技术许可"),
        ("咨询", "技术咨询"),
        ("服务", "技术服务"),
    ],
};

/// Organisation kinds. Unlike the other vocabularies these are stored as the codes in
/// [`ORG_KIND_CODES`] (same order as the terms); use [`org_kind_code`] and [`org_kind_label`].
pub static ORG_KINDS: Vocabulary = Vocabulary {
    name_zh: "单位类型",
    name_en: "Organisation kind",
    terms: &[
        t("高校", "University"),
        t("科研院所", "Institute"),
        t("企业", "Enterprise"),
        t("其他", "Other"),
    ],
    aliases: &[
        ("大学", "高校"),
        ("学院", "高校"),
        ("高等院校", "高校"),
        ("College", "高校"),
        ("研究院", "科研院所"),
        ("研究所", "科研院所"),
        ("科研机构", "科研院所"),
        ("Research institute", "科研院所"),
        ("公司", "企业"),
        ("Company", "企业"),
        ("其它", "其他"),
    ],
};

pub const ORG_KIND_CODES: [&str; 4] = ["university", "institute", "enterprise", "other"];

/// Meeting statuses, stored as the codes in [`MEETING_STATUS_CODES`] (same order as the terms).
pub static MEETING_STATUS: Vocabulary = Vocabulary {
    name_zh: "洽谈状态",
    name_en: "Meeting status",
    terms: &[
        t("已预约", "Booked"),
        t("已洽谈", "Held"),
        t("未到场", "No-show"),
        t("已取消", "Cancelled"),
    ],
    aliases: &[
        ("预约", "已预约"),
        ("洽谈", "已洽谈"),
        ("已完成", "已洽谈"),
        ("缺席", "未到场"),
        ("爽约", "未到场"),
        ("No show", "未到场"),
        ("no_show", "未到场"),
        ("取消", "已取消"),
        ("Canceled", "已取消"),
    ],
};

pub const MEETING_STATUS_CODES: [&str; 4] = ["booked", "held", "no_show", "cancelled"];

/// A code from `codes` for what was typed: the code itself (any case) or anything
/// `vocabulary.canonical` accepts.
fn code_of(
    vocabulary: &Vocabulary,
    codes: &'static [&'static str],
    input: &str,
) -> Option<&'static str> {
    let trimmed = input.trim();
    if let Some(code) = codes.iter().find(|c| c.eq_ignore_ascii_case(trimmed)) {
        return Some(code);
    }
    let value = vocabulary.canonical(trimmed)?;
    let index = vocabulary.terms.iter().position(|t| t.zh == value)?;
    codes.get(index).copied()
}

/// The label of a code (or of anything [`code_of`] accepts); `unknown` otherwise.
fn label_of(
    vocabulary: &Vocabulary,
    codes: &'static [&'static str],
    code: &str,
    lang: Lang,
    unknown: (&'static str, &'static str),
) -> &'static str {
    let term = code_of(vocabulary, codes, code)
        .and_then(|c| codes.iter().position(|x| *x == c))
        .and_then(|i| vocabulary.terms.get(i));
    match (term, lang) {
        (Some(term), Lang::Zh) => term.zh,
        (Some(term), Lang::En) => term.en,
        (None, _) => lang.pick(unknown.0, unknown.1),
    }
}

/// `university`, `高校`, `University`, `大学` … → `Some("university")`.
pub fn org_kind_code(input: &str) -> Option<&'static str> {
    code_of(&ORG_KINDS, &ORG_KIND_CODES, input)
}

/// `university` → `高校` / `University`; an unknown code → `未知` / `Unknown`.
pub fn org_kind_label(code: &str, lang: Lang) -> &'static str {
    label_of(&ORG_KINDS, &ORG_KIND_CODES, code, lang, ("未知", "Unknown"))
}

/// `no_show`, `未到场`, `No-show` … → `Some("no_show")`.
pub fn meeting_status_code(input: &str) -> Option<&'static str> {
    code_of(&MEETING_STATUS, &MEETING_STATUS_CODES, input)
}

/// `held` → `已洽谈` / `Held`; an unknown code → `未知` / `Unknown`.
pub fn meeting_status_label(code: &str, lang: Lang) -> &'static str {
    label_of(
        &MEETING_STATUS,
        &MEETING_STATUS_CODES,
        code,
        lang,
        ("未知", "Unknown"),
    )
}

/// Every vocabulary, for checks and help screens.
pub fn all_vocabularies() -> [&'static Vocabulary; 8] {
    [
        &TECH_FIELDS,
        &REGIONS,
        &MATURITY,
        &TRANSFER_MODES,
        &INTEREST_LEVELS,
        &CONTRACT_TYPES,
        &ORG_KINDS,
        &MEETING_STATUS,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn canonical_lookups() {
        assert_eq!(TECH_FIELDS.canonical("稀土"), Some("稀土"));
        assert_eq!(TECH_FIELDS.canonical("  稀土 "), Some("稀土"));
        assert_eq!(TECH_FIELDS.canonical("rare EARTHS"), Some("稀土"));
        assert_eq!(
            TECH_FIELDS.canonical("Energy Saving & Environment"),
            Some("节能环保")
        );
        assert_eq!(TECH_FIELDS.canonical("煤气化"), Some("煤化工"));
        assert_eq!(TECH_FIELDS.canonical("铀"), None);
        assert_eq!(TECH_FIELDS.canonical(""), None);
        assert_eq!(REGIONS.canonical("呼市"), Some("呼和浩特市"));
        assert_eq!(REGIONS.canonical("hohhot"), Some("呼和浩特市"));
        assert_eq!(REGIONS.canonical("锡林郭勒"), Some("锡林郭勒盟"));
        assert_eq!(REGIONS.canonical("广西"), Some("广西壮族自治区"));
        assert_eq!(REGIONS.canonical("Xinjiang"), Some("新疆维吾尔自治区"));
        assert_eq!(REGIONS.canonical("macau"), Some("澳门特别行政区"));
        assert_eq!(MATURITY.canonical("pilot SCALE"), Some("中试"));
        assert_eq!(TRANSFER_MODES.canonical("licensing"), Some("许可"));
        assert_eq!(
            INTEREST_LEVELS.canonical("in-depth talks"),
            Some("深度洽谈")
        );
        assert_eq!(
            CONTRACT_TYPES.canonical("Technical Service"),
            Some("技术服务")
        );
    }

    #[test]
    fn labels() {
        assert_eq!(TECH_FIELDS.label("稀土", Lang::En), "Rare earths");
        assert_eq!(TECH_FIELDS.label("稀土", Lang::Zh), "稀土");
        assert_eq!(TECH_FIELDS.label("未知领域", Lang::En), "未知领域");
        assert_eq!(TECH_FIELDS.label("未知领域", Lang::Zh), "未知领域");
        assert_eq!(REGIONS.label("兴安盟", Lang::En), "Hinggan League");
        assert_eq!(INTEREST_LEVELS.label("有意向", Lang::En), "Interested");
        assert_eq!(TECH_FIELDS.name(Lang::En), "Technology field");
    }

    #[test]
    fn contains_and_values() {
        assert!(TECH_FIELDS.contains("稀土"));
        assert!(!TECH_FIELDS.contains("Rare earths"));
        assert!(!TECH_FIELDS.contains(" 稀土"));
        assert_eq!(TECH_FIELDS.values().count(), 16);
        assert_eq!(
            MATURITY.values().collect::<Vec<_>>(),
            ["实验室", "小试", "中试", "产业化"]
        );
        assert_eq!(
            INTEREST_LEVELS.values().collect::<Vec<_>>(),
            ["咨询", "有意向", "深度洽谈"]
        );
        assert_eq!(TRANSFER_MODES.values().count(), 5);
        assert_eq!(CONTRACT_TYPES.values().count(), 5);
    }

    #[test]
    fn regions() {
        assert_eq!(inner_mongolia_regions().len(), 12);
        assert_eq!(inner_mongolia_regions()[0].zh, "呼和浩特市");
        assert_eq!(inner_mongolia_regions()[11].zh, "阿拉善盟");
        assert_eq!(
            inner_mongolia_regions()
                .iter()
                .filter(|t| is_inner_mongolia(t.zh))
                .count(),
            12
        );
        assert_eq!(REGIONS.terms.len(), 12 + 33 + 1);
        assert_eq!(
            REGIONS
                .terms
                .iter()
                .filter(|t| is_inner_mongolia(t.zh))
                .count(),
            12
        );
        assert!(is_inner_mongolia("包头"));
        assert!(is_inner_mongolia("Ordos"));
        assert!(!is_inner_mongolia("北京市"));
        assert!(!is_inner_mongolia("境外"));
        assert!(!is_inner_mongolia("火星"));
        assert_eq!(REGIONS.values().last(), Some("境外"));
    }

    #[test]
    fn org_kinds() {
        assert_eq!(org_kind_code("university"), Some("university"));
        assert_eq!(org_kind_code(" Enterprise "), Some("enterprise"));
        assert_eq!(org_kind_code("高校"), Some("university"));
        assert_eq!(org_kind_code("科研院所"), Some("institute"));
        assert_eq!(org_kind_code("institute"), Some("institute"));
        assert_eq!(org_kind_code("公司"), Some("enterprise"));
        assert_eq!(org_kind_code("其他"), Some("other"));
        assert_eq!(org_kind_code("政府"), None);
        assert_eq!(org_kind_label("university", Lang::Zh), "高校");
        assert_eq!(org_kind_label("university", Lang::En), "University");
        assert_eq!(org_kind_label("enterprise", Lang::Zh), "企业");
        assert_eq!(org_kind_label("nonsense", Lang::Zh), "未知");
        assert_eq!(org_kind_label("nonsense", Lang::En), "Unknown");
    }

    #[test]
    fn meeting_statuses() {
        assert_eq!(meeting_status_code("booked"), Some("booked"));
        assert_eq!(meeting_status_code("已洽谈"), Some("held"));
        assert_eq!(meeting_status_code("No-show"), Some("no_show"));
        assert_eq!(meeting_status_code("NO_SHOW"), Some("no_show"));
        assert_eq!(meeting_status_code("canceled"), Some("cancelled"));
        assert_eq!(meeting_status_code("later"), None);
        assert_eq!(meeting_status_label("no_show", Lang::Zh), "未到场");
        assert_eq!(meeting_status_label("cancelled", Lang::En), "Cancelled");
        assert_eq!(meeting_status_label("held", Lang::En), "Held");
    }

    #[test]
    fn vocabularies_are_consistent() {
        for v in all_vocabularies() {
            let zh: HashSet<_> = v.terms.iter().map(|t| t.zh).collect();
            assert_eq!(zh.len(), v.terms.len(), "{}: duplicate zh", v.name_en);
            let en: HashSet<_> = v.terms.iter().map(|t| t.en.to_ascii_lowercase()).collect();
            assert_eq!(en.len(), v.terms.len(), "{}: duplicate en", v.name_en);
            for term in v.terms {
                assert_eq!(v.canonical(term.zh), Some(term.zh));
                assert_eq!(v.canonical(term.en), Some(term.zh));
                assert_eq!(v.label(term.zh, Lang::En), term.en);
            }
            for (alias, target) in v.aliases {
                assert!(
                    v.contains(target),
                    "{}: alias {alias} → {target}",
                    v.name_en
                );
                assert_eq!(v.canonical(alias), Some(*target));
            }
        }
        for (i, code) in ORG_KIND_CODES.iter().enumerate() {
            assert_eq!(org_kind_code(code), Some(*code));
            assert_eq!(org_kind_code(ORG_KINDS.terms[i].zh), Some(*code));
            assert_eq!(org_kind_code(ORG_KINDS.terms[i].en), Some(*code));
        }
        for (i, code) in MEETING_STATUS_CODES.iter().enumerate() {
            assert_eq!(meeting_status_code(code), Some(*code));
            assert_eq!(
                meeting_status_label(code, Lang::En),
                MEETING_STATUS.terms[i].en
            );
        }
    }

    proptest! {
        #[test]
        fn lookups_never_panic(s in "\\PC{0,20}") {
            for v in all_vocabularies() {
                if let Some(value) = v.canonical(&s) {
                    prop_assert!(v.contains(value));
                }
                let _ = v.label(&s, Lang::En);
            }
            let _ = org_kind_label(&s, Lang::En);
            let _ = meeting_status_label(&s, Lang::Zh);
            let _ = is_inner_mongolia(&s);
        }
    }
}
