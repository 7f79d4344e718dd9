//! Text files as spreadsheet programs save them: UTF-8 with or without a BOM, UTF-16 with
//! a BOM (Excel's "Unicode text"), or GB18030/GBK as Excel and WPS write CSV on Chinese
//! Windows. Detected, never guessed silently: bytes that are none of these are refused.
use encoding_rs::{Encoding, GB18030, UTF_8};

/// Which encoding a file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Bom,
    Gb18030,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Bom => "UTF-16",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// Decodes `bytes`, or `None` when they are not text in any encoding above.
pub fn decode(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let kind = if encoding == UTF_8 {
            TextEncoding::Utf8Bom
        } else {
            TextEncoding::Utf16Bom
        };
        let text = encoding.decode_without_bom_handling_and_without_replacement(body)?;
        return Some((text.into_owned(), kind));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), TextEncoding::Utf8));
    }
    // GBK is a subset of GB18030, so one decoder reads both.
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), TextEncoding::Gb18030))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("成果名称".as_bytes()),
            Some(("成果名称".to_string(), TextEncoding::Utf8))
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("成果名称".as_bytes());
        assert_eq!(
            decode(&bom),
            Some(("成果名称".to_string(), TextEncoding::Utf8Bom))
        );
    }

    #[test]
    fn gbk_bytes_are_read_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("持有单位,稀土永磁");
        let (text, kind) = decode(&bytes).unwrap();
        assert_eq!(text, "持有单位,稀土永磁");
        assert_eq!(kind, TextEncoding::Gb18030);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "名称\t展位".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().0, "名称\t展位");
    }

    #[test]
    fn binary_noise_is_refused() {
        assert_eq!(decode(&[0x81, 0x20, 0xFF, 0xFF, 0x00, 0x81]), None);
    }
}
