//! Telling whether two organization names probably mean the same organization:
//! the same after dropping company-form suffixes and a leading place name.
use crate::domain::vocab::REGIONS;

/// Company forms, longest first so the longest match is dropped.
const SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "集团",
    "公司",
    "co., ltd.",
    "co.,ltd.",
    "co. ltd",
    "co ltd",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
];

/// Place prefixes beyond the region vocabulary.
const PLACES: &[&str] = &["内蒙古自治区", "内蒙古", "中国"];

/// The core of a name: lower-cased, spaces and punctuation removed, the company form
/// and leading place names dropped. `包头市华美稀土高科有限公司` → `华美稀土高科`.
pub fn name_core(name: &str) -> String {
    let mut s: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '（' | '）' | '(' | ')' | '·' | '-'))
        .collect();
    loop {
        let before = s.len();
        for suffix in SUFFIXES {
            if let Some(stripped) = s.strip_suffix(suffix) {
                s = stripped.to_string();
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    loop {
        let before = s.len();
        let mut prefixes: Vec<String> = PLACES.iter().map(|p| p.to_string()).collect();
        for term in REGIONS.terms {
            prefixes.push(term.zh.to_string());
            // Short forms: 包头 for 包头市, 锡林郭勒 for 锡林郭勒盟.
            let short = term.zh.trim_end_matches(['市', '盟', '省']);
            if short.chars().count() >= 2 {
                prefixes.push(short.to_string());
            }
        }
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for prefix in &prefixes {
            if s.len() > prefix.len()
                && let Some(stripped) = s.strip_prefix(prefix.as_str())
            {
                s = stripped.to_string();
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// Whether two names probably name the same organization.
pub fn probably_same(a: &str, b: &str) -> bool {
    let (a, b) = (name_core(a), name_core(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    // One core inside the other, when the shorter one is still distinctive.
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.chars().count() >= 4 && long.contains(short.as_str()) {
        return true;
    }
    // A one-character slip (typo, a different character of the same sound).
    short.chars().count() >= 4 && edit_distance(&a, &b) <= 1
}

/// Levenshtein distance by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_and_places_are_dropped() {
        assert_eq!(name_core("包头市华美稀土高科有限公司"), "华美稀土高科");
        assert_eq!(name_core("内蒙古显鸿科技股份有限公司"), "显鸿科技");
        assert_eq!(name_core("Baotou Rare Earth Co., Ltd."), "baotourareearth");
    }

    #[test]
    fn the_same_enterprise_written_differently_is_probably_the_same() {
        assert!(probably_same(
            "包头市华美稀土高科有限公司",
            "华美稀土高科股份有限公司"
        ));
        assert!(probably_same(
            "内蒙古显鸿科技股份有限公司",
            "显鸿科技有限公司"
        ));
        assert!(probably_same("显鸿科技", "内蒙古显鸿科技股份有限公司"));
        assert!(!probably_same(
            "包头市华美稀土高科有限公司",
            "包头市瑞鑫磁材科技有限公司"
        ));
        assert!(!probably_same("内蒙古大学", "内蒙古科技大学"));
        assert!(
            probably_same("包头华美稀土高科有限公司", "包头华美稀土高料有限公司"),
            "one slip"
        );
    }
}
