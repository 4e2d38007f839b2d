//! Numbers as shoppers write them: ASCII digits (full-width digits are already
//! ASCII after [`crate::text::normalize`]), English number words and Chinese
//! numerals (一二三…, 两/俩, 十/百/千/万).

/// Value of a Chinese digit character.
fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '俩' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// True for characters that can be part of a Chinese numeral.
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some() || c == '万'
}

/// The longest Chinese numeral at the start of `chars`: its value and length in
/// characters. "两百五" → 250, "十二" → 12, "二十" → 20, "一万" → 10000.
/// Values saturate instead of overflowing.
pub fn chinese_numeral_prefix(chars: &[char]) -> Option<(u64, usize)> {
    let len = chars.iter().take_while(|&&c| is_cn_numeral_char(c)).count();
    if len == 0 {
        return None;
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut current: Option<u64> = None;
    for &c in chars.iter().take(len) {
        if let Some(d) = cn_digit(c) {
            // "一二三" written digit by digit (e.g. order numbers) also works
            current = Some(current.map_or(d, |cur| cur.saturating_mul(10).saturating_add(d)));
        } else if let Some(u) = cn_unit(c) {
            section = section.saturating_add(current.unwrap_or(1).saturating_mul(u));
            current = None;
        } else {
            // 万
            let part = section.saturating_add(current.unwrap_or(0));
            total = total.saturating_add(part.max(1).saturating_mul(10_000));
            section = 0;
            current = None;
        }
    }
    let value = total
        .saturating_add(section)
        .saturating_add(current.unwrap_or(0));
    Some((value, len))
}

/// English number words that are quantities. "one" is not included: "the red
/// one" and "that one" are references, and one is the default quantity anyway.
pub fn english_number_word(word: &str) -> Option<u32> {
    Some(match word {
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "hundred" => 100,
        _ => return None,
    })
}

/// A decimal number at the start of `chars`: digits with optional `,` thousands
/// separators and one `.` decimal part, optionally followed by `k` (thousands).
/// Returns the value and its length in characters.
pub fn decimal_prefix(chars: &[char]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut text = String::new();
    let mut seen_dot = false;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            text.push(c);
        } else if c == ',' && !seen_dot && !text.is_empty() {
            // a thousands separator must be followed by exactly three digits
            let next3 = chars.get(i + 1..i + 4);
            let after = chars.get(i + 4);
            let ok = next3.is_some_and(|d| d.iter().all(char::is_ascii_digit))
                && !after.is_some_and(char::is_ascii_digit);
            if !ok {
                break;
            }
        } else if c == '.'
            && !seen_dot
            && !text.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            seen_dot = true;
            text.push('.');
        } else {
            break;
        }
        i += 1;
    }
    if text.is_empty() {
        return None;
    }
    let mut value: f64 = text.parse().ok()?;
    if chars.get(i) == Some(&'k') && !chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) {
        value *= 1000.0;
        i += 1;
    }
    Some((value, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(s: &str) -> Option<u64> {
        let chars: Vec<char> = s.chars().collect();
        chinese_numeral_prefix(&chars).map(|(v, _)| v)
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn("两件"), Some(2));
        assert_eq!(cn("俩"), Some(2));
        assert_eq!(cn("十"), Some(10));
        assert_eq!(cn("十二"), Some(12));
        assert_eq!(cn("二十"), Some(20));
        assert_eq!(cn("二十五个"), Some(25));
        assert_eq!(cn("一百"), Some(100));
        assert_eq!(cn("两百零五"), Some(205));
        assert_eq!(cn("一百二十"), Some(120));
        assert_eq!(cn("三千"), Some(3000));
        assert_eq!(cn("一万"), Some(10_000));
        assert_eq!(cn("一零四八二"), Some(10482));
        assert_eq!(cn("块"), None);
        assert_eq!(cn(&"九".repeat(100)), Some(u64::MAX));
    }

    #[test]
    fn decimals() {
        let d = |s: &str| decimal_prefix(&s.chars().collect::<Vec<_>>());
        assert_eq!(d("49.99 dollars"), Some((49.99, 5)));
        assert_eq!(d("1,299"), Some((1299.0, 5)));
        assert_eq!(d("1,29"), Some((1.0, 1)));
        assert_eq!(d("2k"), Some((2000.0, 2)));
        assert_eq!(d("2kg"), Some((2.0, 1)));
        assert_eq!(d("12."), Some((12.0, 2)));
        assert_eq!(d("abc"), None);
    }
}
