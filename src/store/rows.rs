//! Small conversions between stored columns and domain values.
use crate::domain::money::Money;

pub fn list_to_json(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}

pub fn json_to_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn money_opt(fen: Option<i64>) -> Option<Money> {
    fen.map(Money::from_fen)
}
