//! Prices: integer amounts in a currency's minor unit (cents, fen), formatted per
//! reply language.

use crate::text::Lang;

/// How a currency is written.
struct CurrencyStyle {
    code: &'static str,
    /// Decimal places of the minor unit (USD 2, JPY 0).
    digits: u32,
    /// Symbol in English replies.
    en: &'static str,
    /// Symbol in Chinese replies.
    zh: &'static str,
}

const STYLES: &[CurrencyStyle] = &[
    CurrencyStyle {
        code: "USD",
        digits: 2,
        en: "$",
        zh: "US$",
    },
    CurrencyStyle {
        code: "CNY",
        digits: 2,
        en: "CN¥",
        zh: "¥",
    },
    CurrencyStyle {
        code: "RMB",
        digits: 2,
        en: "CN¥",
        zh: "¥",
    },
    CurrencyStyle {
        code: "EUR",
        digits: 2,
        en: "€",
        zh: "€",
    },
    CurrencyStyle {
        code: "GBP",
        digits: 2,
        en: "£",
        zh: "£",
    },
    CurrencyStyle {
        code: "JPY",
        digits: 0,
        en: "JP¥",
        zh: "JP¥",
    },
    CurrencyStyle {
        code: "KRW",
        digits: 0,
        en: "₩",
        zh: "₩",
    },
    CurrencyStyle {
        code: "HKD",
        digits: 2,
        en: "HK$",
        zh: "HK$",
    },
    CurrencyStyle {
        code: "TWD",
        digits: 2,
        en: "NT$",
        zh: "NT$",
    },
    CurrencyStyle {
        code: "SGD",
        digits: 2,
        en: "S$",
        zh: "S$",
    },
    CurrencyStyle {
        code: "CAD",
        digits: 2,
        en: "CA$",
        zh: "CA$",
    },
    CurrencyStyle {
        code: "AUD",
        digits: 2,
        en: "A$",
        zh: "A$",
    },
];

fn style(code: &str) -> Option<&'static CurrencyStyle> {
    STYLES.iter().find(|s| s.code.eq_ignore_ascii_case(code))
}

/// Decimal places of `currency`'s minor unit (2 for unknown ISO codes).
pub fn minor_digits(currency: &str) -> u32 {
    style(currency).map_or(2, |s| s.digits)
}

/// True when `code` looks like an ISO 4217 code (three ASCII capitals).
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Converts an amount in major units (e.g. dollars, possibly fractional) to minor
/// units, saturating; negative and non-finite amounts give 0.
pub fn major_to_minor(amount: f64, currency: &str) -> i64 {
    if !amount.is_finite() || amount <= 0.0 {
        return 0;
    }
    let scaled = amount * 10f64.powi(minor_digits(currency) as i32);
    if scaled >= i64::MAX as f64 {
        i64::MAX
    } else {
        scaled.round() as i64
    }
}

/// Formats `minor` units of `currency` for a reply in `lang`: `$1,299.00` (en, USD),
/// `US$79.00` (zh, USD), `¥599.00` (zh, CNY), `CN¥599.00` (en, CNY); unknown codes as
/// `CHF 12.50`.
pub fn format_money(minor: i64, currency: &str, lang: Lang) -> String {
    let digits = minor_digits(currency);
    let negative = minor < 0;
    let abs = minor.unsigned_abs();
    let div = 10u64.pow(digits);
    let (major, frac) = (abs / div, abs % div);
    let mut grouped = String::new();
    let major_s = major.to_string();
    for (i, c) in major_s.chars().enumerate() {
        if i > 0 && (major_s.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let number = if digits == 0 {
        grouped
    } else {
        format!("{grouped}.{frac:0width$}", width = digits as usize)
    };
    let sign = if negative { "-" } else { "" };
    match style(currency) {
        Some(s) => {
            let sym = if lang == Lang::Zh { s.zh } else { s.en };
            format!("{sign}{sym}{number}")
        }
        None => format!("{sign}{} {number}", currency.to_ascii_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_locale() {
        assert_eq!(format_money(7900, "USD", Lang::En), "$79.00");
        assert_eq!(format_money(7900, "USD", Lang::Zh), "US$79.00");
        assert_eq!(format_money(59900, "CNY", Lang::Zh), "¥599.00");
        assert_eq!(format_money(59900, "CNY", Lang::En), "CN¥599.00");
        assert_eq!(format_money(129_900, "USD", Lang::En), "$1,299.00");
        assert_eq!(format_money(1_234_567, "JPY", Lang::En), "JP¥1,234,567");
        assert_eq!(format_money(1250, "CHF", Lang::En), "CHF 12.50");
        assert_eq!(format_money(-505, "USD", Lang::En), "-$5.05");
        assert!(format_money(i64::MIN, "USD", Lang::En).starts_with("-$92,233,"));
    }

    #[test]
    fn major_to_minor_rounds_and_saturates() {
        assert_eq!(major_to_minor(49.99, "USD"), 4999);
        assert_eq!(major_to_minor(100.0, "JPY"), 100);
        assert_eq!(major_to_minor(-3.0, "USD"), 0);
        assert_eq!(major_to_minor(f64::NAN, "USD"), 0);
        assert_eq!(major_to_minor(1e300, "USD"), i64::MAX);
    }
}
