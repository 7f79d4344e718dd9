//! Money as an exact integer number of fen (1 yuan = 100 fen), with parsing and display.
use crate::domain::lang::Lang;

/// An amount of money in fen. Never built from floating point.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

/// The largest amount `parse` accepts: 10^15 yuan.
pub const MAX_YUAN: i64 = 1_000_000_000_000_000;
const MAX_FEN: u128 = (MAX_YUAN as u128) * 100;

const FEN_PER_WAN: u128 = 1_000_000;
const FEN_PER_YI: u128 = 10_000_000_000;

/// Why a typed amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("enter an amount")]
    Empty,
    #[error("amount cannot be negative")]
    Negative,
    #[error("at most two decimals (fen)")]
    TooManyDecimals,
    #[error("amount too large")]
    TooLarge,
    #[error("not an amount; write e.g. 120000, 12万 or 1.5亿")]
    Invalid,
}

impl MoneyError {
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            MoneyError::Empty => ("请输入金额", "enter an amount"),
            MoneyError::Negative => ("金额不能为负数", "amount cannot be negative"),
            MoneyError::TooManyDecimals => {
                ("金额最多精确到分（两位小数）", "at most two decimals (fen)")
            }
            MoneyError::TooLarge => ("金额过大", "amount too large"),
            MoneyError::Invalid => (
                "无法识别的金额，可写作 120000、12万、1.5亿",
                "not an amount; write e.g. 120000, 12万 or 1.5亿",
            ),
        };
        lang.pick(zh, en).to_string()
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Whole yuan; saturates at the `i64` limits instead of overflowing.
    pub fn from_yuan(yuan: i64) -> Money {
        Money(yuan.saturating_mul(100))
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Reads an amount as people type it: `120000`, `120,000.00`, `¥120000`, `RMB 120000`,
    /// `120000元`, `12万`, `12.5万元`, `1.5亿`, full-width digits and punctuation.
    /// Plain numbers are yuan.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        parse(input)
    }

    /// Ten-thousands of yuan with two decimals, rounded half up: `12.50万元`.
    pub fn format_wan(self) -> String {
        format!("{}万元", scaled_two_decimals(self.0, FEN_PER_WAN))
    }

    /// Hundred-millions of yuan with two decimals, rounded half up: `1.50亿元`.
    pub fn format_yi(self) -> String {
        format!("{}亿元", scaled_two_decimals(self.0, FEN_PER_YI))
    }

    /// Chinese: `亿元` from one 亿 up, `万元` below; English: `¥1,250,000` or `¥125,000.50`.
    pub fn format_auto(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => {
                if u128::from(self.0.unsigned_abs()) >= FEN_PER_YI {
                    self.format_yi()
                } else {
                    self.format_wan()
                }
            }
            Lang::En => {
                let sign = if self.0 < 0 { "-" } else { "" };
                let abs = self.0.unsigned_abs();
                let yuan = group_thousands(abs / 100);
                let fen = abs % 100;
                if fen == 0 {
                    format!("{sign}¥{yuan}")
                } else {
                    format!("{sign}¥{yuan}.{fen:02}")
                }
            }
        }
    }

    /// Exact yuan with two decimals and no separators (`125000.50`); `parse` reads it back.
    pub fn format_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl std::iter::Sum for Money {
    /// Saturates instead of overflowing.
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Money::saturating_add)
    }
}

impl<'a> std::iter::Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

/// `fen / unit` as a decimal with two places, rounded half away from zero.
fn scaled_two_decimals(fen: i64, unit: u128) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let step = unit / 100;
    let hundredths = (u128::from(fen.unsigned_abs()) + step / 2) / step;
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Full-width ASCII forms to half-width, a few dash look-alikes to `-`, ideographic space to space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{FE63}' => '-',
        _ => c,
    }
}

fn strip_prefix_ignore_ascii_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// See [`Money::parse`].
pub fn parse(input: &str) -> Result<Money, MoneyError> {
    let normalized: String = input.chars().map(half_width).collect();
    let mut s = normalized.trim();
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }

    // Leading sign and currency marker, each at most once, in either order.
    let mut negative = false;
    let mut sign_seen = false;
    let mut currency_seen = false;
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix('-') {
            if sign_seen {
                return Err(MoneyError::Invalid);
            }
            sign_seen = true;
            negative = true;
            s = rest;
        } else if let Some(rest) = s.strip_prefix('+') {
            if sign_seen {
                return Err(MoneyError::Invalid);
            }
            sign_seen = true;
            s = rest;
        } else if let Some(rest) = s
            .strip_prefix('¥')
            .or_else(|| s.strip_prefix('￥'))
            .or_else(|| strip_prefix_ignore_ascii_case(s, "RMB"))
            .or_else(|| strip_prefix_ignore_ascii_case(s, "CNY"))
        {
            if currency_seen {
                return Err(MoneyError::Invalid);
            }
            currency_seen = true;
            s = rest;
        } else {
            break;
        }
    }

    // Trailing 元, then an optional unit.
    s = s.trim_end();
    if let Some(rest) = s.strip_suffix('元') {
        s = rest.trim_end();
    }
    let fen_exponent: u32 = if let Some(rest) = s.strip_suffix('万') {
        s = rest.trim_end();
        6
    } else if let Some(rest) = s.strip_suffix('亿') {
        s = rest.trim_end();
        10
    } else {
        2
    };

    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let int_digits: String = int_part.chars().filter(|&c| c != ',').collect();
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(&int_digits)
        || !all_digits(frac_part)
        || (int_digits.is_empty() && frac_part.is_empty())
    {
        return Err(MoneyError::Invalid);
    }
    if negative {
        return Err(MoneyError::Negative);
    }

    let frac = frac_part.trim_end_matches('0');
    let frac_len = frac.len() as u32;
    if frac_len > fen_exponent {
        return Err(MoneyError::TooManyDecimals);
    }

    let mut int_value: u128 = 0;
    for b in int_digits.bytes() {
        int_value = int_value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(b - b'0')))
            .ok_or(MoneyError::TooLarge)?;
    }
    let mut frac_value: u128 = 0;
    for b in frac.bytes() {
        // At most 10 digits here, so this cannot overflow.
        frac_value = frac_value * 10 + u128::from(b - b'0');
    }
    let fen = int_value
        .checked_mul(10u128.pow(fen_exponent))
        .and_then(|v| v.checked_add(frac_value * 10u128.pow(fen_exponent - frac_len)))
        .ok_or(MoneyError::TooLarge)?;
    if fen > MAX_FEN {
        return Err(MoneyError::TooLarge);
    }
    i64::try_from(fen)
        .map(Money)
        .map_err(|_| MoneyError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yuan(y: i64) -> Result<Money, MoneyError> {
        Ok(Money::from_yuan(y))
    }

    #[test]
    fn constructors_and_arithmetic() {
        assert_eq!(Money::from_fen(12_345).fen(), 12_345);
        assert_eq!(Money::from_yuan(3).fen(), 300);
        assert_eq!(Money::from_yuan(i64::MAX).fen(), i64::MAX);
        assert_eq!(
            Money::from_fen(1).checked_add(Money::from_fen(2)),
            Some(Money::from_fen(3))
        );
        assert_eq!(
            Money::from_fen(i64::MAX).checked_add(Money::from_fen(1)),
            None
        );
        let total: Money = [Money::from_fen(1), Money::from_fen(i64::MAX)]
            .into_iter()
            .sum();
        assert_eq!(total, Money::from_fen(i64::MAX));
        assert_eq!(Money::default(), Money::ZERO);
    }

    #[test]
    fn parses_plain_and_decorated_yuan() {
        assert_eq!(parse("120000"), yuan(120_000));
        assert_eq!(parse("120,000.00"), yuan(120_000));
        assert_eq!(parse("120，000"), yuan(120_000));
        assert_eq!(parse("¥120000"), yuan(120_000));
        assert_eq!(parse("￥120000"), yuan(120_000));
        assert_eq!(parse("RMB 120000"), yuan(120_000));
        assert_eq!(parse("rmb120000"), yuan(120_000));
        assert_eq!(parse("120000元"), yuan(120_000));
        assert_eq!(parse("  120000  "), yuan(120_000));
        assert_eq!(parse("\u{3000}120000\u{3000}"), yuan(120_000));
        assert_eq!(parse("１２００００"), yuan(120_000));
        assert_eq!(parse("125000.50"), Ok(Money::from_fen(12_500_050)));
        assert_eq!(parse("125000．5"), Ok(Money::from_fen(12_500_050)));
        assert_eq!(parse("0"), Ok(Money::ZERO));
        assert_eq!(parse("0.01"), Ok(Money::from_fen(1)));
        assert_eq!(parse(".5"), Ok(Money::from_fen(50)));
        assert_eq!(parse("+5"), yuan(5));
        assert_eq!(parse("1.230"), Ok(Money::from_fen(123)));
    }

    #[test]
    fn parses_wan_and_yi() {
        assert_eq!(parse("12万"), yuan(120_000));
        assert_eq!(parse("12.5万元"), yuan(125_000));
        assert_eq!(parse("1.5亿"), yuan(150_000_000));
        assert_eq!(parse("1.5亿元"), yuan(150_000_000));
        assert_eq!(parse("１２万"), yuan(120_000));
        assert_eq!(parse("１２．５万"), yuan(125_000));
        assert_eq!(parse("12 万"), yuan(120_000));
        assert_eq!(parse("¥12万元"), yuan(120_000));
        assert_eq!(parse("12.3456万"), yuan(123_456));
        assert_eq!(parse("12.345678万"), Ok(Money::from_fen(12_345_678)));
        assert_eq!(parse("1.2345678901亿"), Ok(Money::from_fen(12_345_678_901)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(parse(""), Err(MoneyError::Empty));
        assert_eq!(parse("   "), Err(MoneyError::Empty));
        assert_eq!(parse("-5"), Err(MoneyError::Negative));
        assert_eq!(parse("−5"), Err(MoneyError::Negative));
        assert_eq!(parse("－5万"), Err(MoneyError::Negative));
        assert_eq!(parse("¥-5"), Err(MoneyError::Negative));
        assert_eq!(parse("abc"), Err(MoneyError::Invalid));
        assert_eq!(parse("12万万"), Err(MoneyError::Invalid));
        assert_eq!(parse("1.2.3"), Err(MoneyError::Invalid));
        assert_eq!(parse("万"), Err(MoneyError::Invalid));
        assert_eq!(parse("元"), Err(MoneyError::Invalid));
        assert_eq!(parse("."), Err(MoneyError::Invalid));
        assert_eq!(parse("--5"), Err(MoneyError::Invalid));
        assert_eq!(parse("¥¥5"), Err(MoneyError::Invalid));
        assert_eq!(parse("1.2,3"), Err(MoneyError::Invalid));
        assert_eq!(parse("12万亿"), Err(MoneyError::Invalid));
        assert_eq!(parse("-abc"), Err(MoneyError::Invalid));
        assert_eq!(parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse("12.3456789万"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse("1.23456789012亿"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse("99999999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(parse("9".repeat(200).as_str()), Err(MoneyError::TooLarge));
        assert_eq!(parse("1000000000000000.01"), Err(MoneyError::TooLarge));
        assert_eq!(parse("10000001亿"), Err(MoneyError::TooLarge));
        assert_eq!(
            parse("1000000000000000"),
            Ok(Money::from_fen(MAX_YUAN * 100))
        );
        assert_eq!(parse("10000000亿"), Ok(Money::from_fen(MAX_YUAN * 100)));
    }

    #[test]
    fn formats_wan_and_yi() {
        assert_eq!(Money::from_yuan(125_000).format_wan(), "12.50万元");
        assert_eq!(Money::ZERO.format_wan(), "0.00万元");
        assert_eq!(Money::from_yuan(150_000_000).format_yi(), "1.50亿元");
        assert_eq!(Money::ZERO.format_yi(), "0.00亿元");
        // 50 yuan is 0.005万: half rounds up.
        assert_eq!(Money::from_yuan(50).format_wan(), "0.01万元");
        assert_eq!(Money::from_fen(4_999).format_wan(), "0.00万元");
        assert_eq!(Money::from_yuan(-125_000).format_wan(), "-12.50万元");
        assert_eq!(
            Money::from_fen(i64::MAX).format_wan(),
            "9223372036854.78万元"
        );
        assert_eq!(Money::from_fen(i64::MIN).format_yi(), "-922337203.69亿元");
    }

    #[test]
    fn formats_auto_in_both_languages() {
        assert_eq!(Money::from_yuan(125_000).format_auto(Lang::Zh), "12.50万元");
        assert_eq!(
            Money::from_yuan(99_999_999).format_auto(Lang::Zh),
            "10000.00万元"
        );
        assert_eq!(
            Money::from_yuan(100_000_000).format_auto(Lang::Zh),
            "1.00亿元"
        );
        assert_eq!(
            Money::from_yuan(150_000_000).format_auto(Lang::Zh),
            "1.50亿元"
        );
        assert_eq!(
            Money::from_yuan(1_250_000).format_auto(Lang::En),
            "¥1,250,000"
        );
        assert_eq!(
            Money::from_fen(12_500_050).format_auto(Lang::En),
            "¥125,000.50"
        );
        assert_eq!(Money::ZERO.format_auto(Lang::En), "¥0");
        assert_eq!(Money::from_yuan(999).format_auto(Lang::En), "¥999");
        assert_eq!(Money::from_yuan(1_000).format_auto(Lang::En), "¥1,000");
        assert_eq!(Money::from_fen(-105).format_auto(Lang::En), "-¥1.05");
    }

    #[test]
    fn formats_plain() {
        assert_eq!(Money::from_fen(12_500_050).format_plain(), "125000.50");
        assert_eq!(Money::ZERO.format_plain(), "0.00");
        assert_eq!(Money::from_fen(7).format_plain(), "0.07");
        assert_eq!(Money::from_fen(-7).format_plain(), "-0.07");
        assert_eq!(
            Money::from_fen(i64::MIN).format_plain(),
            "-92233720368547758.08"
        );
    }

    #[test]
    fn messages_in_both_languages() {
        assert_eq!(MoneyError::Empty.message(Lang::Zh), "请输入金额");
        assert_eq!(MoneyError::Negative.message(Lang::Zh), "金额不能为负数");
        assert_eq!(
            MoneyError::TooManyDecimals.message(Lang::Zh),
            "金额最多精确到分（两位小数）"
        );
        assert_eq!(MoneyError::TooLarge.message(Lang::Zh), "金额过大");
        assert_eq!(
            MoneyError::Invalid.message(Lang::Zh),
            "无法识别的金额，可写作 120000、12万、1.5亿"
        );
        for e in [
            MoneyError::Empty,
            MoneyError::Negative,
            MoneyError::TooManyDecimals,
            MoneyError::TooLarge,
            MoneyError::Invalid,
        ] {
            assert_eq!(e.message(Lang::En), e.to_string());
        }
    }

    proptest! {
        #[test]
        fn plain_format_round_trips(fen in 0i64..=1_000_000_000_000_000) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(parse(&m.format_plain()), Ok(m));
        }

        #[test]
        fn wan_decimal_round_trips(fen in 0i64..=MAX_YUAN * 100) {
            let wan = format!("{}.{:06}万", fen / 1_000_000, fen % 1_000_000);
            prop_assert_eq!(parse(&wan), Ok(Money::from_fen(fen)));
        }

        #[test]
        fn en_format_round_trips(fen in 0i64..=MAX_YUAN * 100) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(parse(&m.format_auto(Lang::En)), Ok(m));
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn parse_never_panics_on_amount_like_text(
            s in "[-+¥￥RMB 0-9０-９.．,，万亿元]{0,30}"
        ) {
            if let Ok(m) = parse(&s) {
                prop_assert!(m.fen() >= 0 && m.fen() <= MAX_YUAN * 100);
            }
        }
    }
}
