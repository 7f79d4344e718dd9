//! Serde helper: read a JSON value the way a person meant it, as text.
//!
//! Scripts send `"asking_price": 1200000` or `"120万"`, `"keywords": ["a","b"]` or
//! `"a、b"`; every input field is kept as the text a form would hold, and validation
//! reads it the same way whichever front end it came from.
use serde::{Deserialize, Deserializer};
use serde_json::Value;

pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let value = Value::deserialize(deserializer)?;
    Ok(value_to_text(&value))
}

pub fn value_to_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(value_to_text)
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "text", default)]
        v: String,
    }

    #[test]
    fn numbers_arrays_and_nulls_become_text() {
        let p: Probe = serde_json::from_str(r#"{"v": 1200000}"#).unwrap();
        assert_eq!(p.v, "1200000");
        let p: Probe = serde_json::from_str(r#"{"v": ["永磁","钕铁硼"]}"#).unwrap();
        assert_eq!(p.v, "永磁,钕铁硼");
        let p: Probe = serde_json::from_str(r#"{"v": null}"#).unwrap();
        assert_eq!(p.v, "");
        let p: Probe = serde_json::from_str(r#"{}"#).unwrap();
        assert_eq!(p.v, "");
    }
}
