//! Entity extraction from shopper messages, in English, Chinese and code-mixed
//! text: quantities, sizes, colours, order numbers, emails, price bounds,
//! ordinals ("the second one", "第二个"), references ("it", "这件"), negation
//! ("don't add", "不要加") and yes/no answers. Product mentions are matched
//! against the catalog by [`ProductIndex`] on the text left over after these
//! entities are taken out ([`Entities::residual`]).
//!
//! Contract: [`extract`] is total and cheap — any string (it is normalised and cut
//! to [`crate::text::MAX_INPUT_CHARS`] first) gives an [`Entities`] without
//! panicking, in time linear in the message length.

mod fuzzy;
pub mod lexicon;
mod numbers;
mod products;

pub use fuzzy::{edit_distance, stem};
pub use lexicon::{canonical_size, color_key_of};
pub use products::{Filter, Hit, ProductIndex};

use crate::text::{is_cjk, normalize};
use lexicon::*;
use numbers::{chinese_numeral_prefix, decimal_prefix, english_number_word, is_cn_numeral_char};
use serde::Serialize;

/// "The second one" / "the last one".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ordinal {
    /// 1-based position.
    Nth(usize),
    Last,
}

impl Ordinal {
    /// The 0-based index into a list of `len` items, if it exists.
    pub fn index(self, len: usize) -> Option<usize> {
        match self {
            Ordinal::Nth(n) if n >= 1 && n <= len => Some(n - 1),
            Ordinal::Last if len > 0 => Some(len - 1),
            _ => None,
        }
    }
}

/// What an action verb does ("add", "删", "cancel"…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionVerb {
    Add,
    Remove,
    Change,
    Cancel,
    Return,
    Checkout,
}

fn verb_action(verb: &str) -> ActionVerb {
    match verb {
        "remove" | "delete" | "take" | "empty" | "clear" | "throw" | "删" | "移除" | "去掉"
        | "拿掉" | "清空" => ActionVerb::Remove,
        "cancel" | "取消" => ActionVerb::Cancel,
        "return" | "refund" | "退" => ActionVerb::Return,
        "checkout" | "check" | "place" | "order" | "下单" | "结算" => ActionVerb::Checkout,
        "change" | "改" | "换" => ActionVerb::Change,
        _ => ActionVerb::Add,
    }
}

/// A price bound in the shop currency's major unit (dollars, yuan).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PriceBound {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl PriceBound {
    pub fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// Everything [`extract`] found in one message.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Entities {
    /// The normalised message.
    pub normalized: String,
    /// An explicit quantity ("2", "two", "两件", "x3").
    pub quantity: Option<u32>,
    /// Every free-standing integer not used by another entity, in order.
    pub numbers: Vec<u64>,
    /// Canonical sizes ("M", "XL", "42"), in order of mention.
    pub sizes: Vec<String>,
    /// Canonical colour keys ("red", "navy"), in order of mention.
    pub colors: Vec<String>,
    /// An order number (digits only).
    pub order_number: Option<String>,
    /// An email address (lower case).
    pub email: Option<String>,
    pub price: PriceBound,
    pub ordinal: Option<Ordinal>,
    /// "it", "that one", "这件"…: the message refers to something already shown.
    pub refers_back: bool,
    /// The action the message negates ("don't add" → `Add`, "不要取消" → `Cancel`).
    pub negated: Option<ActionVerb>,
    /// Action verbs the message uses without negation ("remove" in "不想买了，删掉吧").
    pub verbs: Vec<ActionVerb>,
    /// "everything", "清空"…
    pub clear_all: bool,
    /// The whole message is a yes (`Some(true)`) or a no (`Some(false)`).
    pub yes_no: Option<bool>,
    /// The normalised message with the entities above cut out: what is left to
    /// match products against.
    pub residual: String,
}

impl Entities {
    /// The sizes, then the colours, the message named.
    pub fn named_options(&self) -> Vec<String> {
        self.sizes
            .iter()
            .chain(self.colors.iter())
            .cloned()
            .collect()
    }
}

struct Scan {
    chars: Vec<char>,
    mask: Vec<bool>,
}

fn latin(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

impl Scan {
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mask = vec![false; chars.len()];
        Scan { chars, mask }
    }

    fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn masked(&self, from: usize, to: usize) -> bool {
        self.mask
            .get(from..to.min(self.mask.len()))
            .is_some_and(|m| m.iter().any(|&b| b))
    }

    fn set_mask(&mut self, from: usize, to: usize) {
        let to = to.min(self.mask.len());
        if let Some(m) = self.mask.get_mut(from..to) {
            m.iter_mut().for_each(|b| *b = true);
        }
    }

    /// Does `pat` occur at `i`?
    fn at(&self, i: usize, pat: &str) -> bool {
        (i..).zip(pat.chars()).all(|(j, p)| self.get(j) == Some(p))
    }

    fn word_start(&self, i: usize) -> bool {
        i == 0 || self.get(i - 1).is_none_or(|c| !latin(c))
    }

    fn word_end(&self, i: usize) -> bool {
        self.get(i).is_none_or(|c| !latin(c))
    }

    /// Positions where `pat` occurs (as a whole word when it is Latin) and is not masked.
    fn find_all(&self, pat: &str) -> Vec<usize> {
        let n = pat.chars().count();
        if n == 0 || n > self.chars.len() {
            return Vec::new();
        }
        let ascii_word =
            pat.chars().next().is_some_and(latin) || pat.chars().last().is_some_and(latin);
        (0..=self.chars.len() - n)
            .filter(|&i| {
                self.at(i, pat)
                    && !self.masked(i, i + n)
                    && (!ascii_word || (self.word_start(i) && self.word_end(i + n)))
            })
            .collect()
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.get(i) == Some(' ') {
            i += 1;
        }
        i
    }

    /// Skips spaces backwards from `i` (exclusive); returns the new end.
    fn skip_spaces_back(&self, mut i: usize) -> usize {
        while i > 0 && self.get(i - 1) == Some(' ') {
            i -= 1;
        }
        i
    }

    /// If one of `pats` ends exactly at `end` (exclusive), its start.
    fn ends_with_any(&self, end: usize, pats: &[&str]) -> Option<usize> {
        let mut best: Option<usize> = None;
        for p in pats {
            let n = p.chars().count();
            if n == 0 || n > end {
                continue;
            }
            let s = end - n;
            let boundary = !p.chars().next().is_some_and(latin) || self.word_start(s);
            if self.at(s, p) && boundary && best.is_none_or(|b| s < b) {
                best = Some(s);
            }
        }
        best
    }

    /// If one of `pats` starts exactly at `i`, its end (the longest).
    fn starts_with_any(&self, i: usize, pats: &[&str]) -> Option<usize> {
        let mut best: Option<usize> = None;
        for p in pats {
            let n = p.chars().count();
            let boundary = !p.chars().last().is_some_and(latin) || self.word_end(i + n);
            if n > 0 && self.at(i, p) && boundary && best.is_none_or(|b| i + n > b) {
                best = Some(i + n);
            }
        }
        best
    }

    /// A number at `i`: ASCII decimal, or a Chinese numeral when `allow_cn`.
    fn number_at(&self, i: usize, allow_cn: bool) -> Option<(f64, usize)> {
        let rest = self.chars.get(i..)?;
        if rest.first().is_some_and(char::is_ascii_digit) {
            if i > 0
                && self
                    .get(i - 1)
                    .is_some_and(|c| c.is_ascii_digit() || c == '.')
            {
                return None;
            }
            return decimal_prefix(rest).map(|(v, n)| (v, i + n));
        }
        if allow_cn {
            return chinese_numeral_prefix(rest).map(|(v, n)| (v as f64, i + n));
        }
        None
    }

    fn residual(&self) -> String {
        let s: String = self
            .chars
            .iter()
            .zip(&self.mask)
            .map(|(&c, &m)| if m { ' ' } else { c })
            .collect();
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

const CURRENCY_BEFORE: &[&str] = &["us$", "usd", "rmb", "cny", "$", "¥", "€", "£", "￥"];
const CURRENCY_AFTER: &[&str] = &[
    "dollars",
    "dollar",
    "bucks",
    "buck",
    "usd",
    "rmb",
    "cny",
    "euros",
    "euro",
    "块钱",
    "块",
    "元",
    "美元",
    "美金",
    "刀",
    "人民币",
];
const PRICE_MAX_BEFORE: &[&str] = &[
    "under",
    "below",
    "less than",
    "cheaper than",
    "up to",
    "upto",
    "max",
    "maximum",
    "at most",
    "no more than",
    "not more than",
    "within",
    "lower than",
    "beneath",
    "budget of",
    "budget is",
    "budget",
    "<",
    "<=",
    "低于",
    "不超过",
    "不到",
    "少于",
    "小于",
    "便宜于",
    "最多",
    "最高",
    "预算",
    "预算是",
    "以下",
    "在",
];
const PRICE_MIN_BEFORE: &[&str] = &[
    "over",
    "above",
    "more than",
    "at least",
    "min",
    "minimum",
    "higher than",
    "starting at",
    "from",
    ">",
    ">=",
    "高于",
    "超过",
    "大于",
    "多于",
    "至少",
    "最少",
    "最低",
];
const PRICE_AROUND_BEFORE: &[&str] = &[
    "around",
    "about",
    "roughly",
    "approximately",
    "approx",
    "~",
    "大概",
    "差不多",
    "大约",
    "左右",
];
const PRICE_MAX_AFTER: &[&str] = &[
    "以内",
    "以下",
    "之内",
    "之下",
    "内",
    "or less",
    "or under",
    "and under",
    "or below",
    "or cheaper",
    "max",
    "tops",
    "at most",
    "封顶",
];
const PRICE_MIN_AFTER: &[&str] = &[
    "以上",
    "之上",
    "起",
    "or more",
    "and up",
    "and above",
    "or above",
    "plus",
    "+",
];
const PRICE_AROUND_AFTER: &[&str] = &["左右", "上下", "or so", "ish"];
const RANGE_JOIN: &[&str] = &["-", "–", "~", "to", "and", "到", "至", "和", "-"];

/// Extracts the entities of a message (raw or already normalised).
pub fn extract(text: &str) -> Entities {
    let normalized = normalize(text);
    let mut scan = Scan::new(&normalized);
    let mut e = Entities {
        email: take_email(&mut scan),
        ..Default::default()
    };
    e.price = take_price(&mut scan);
    e.order_number = take_order_number(&mut scan);
    e.sizes = take_sizes(&mut scan);
    e.colors = take_colors(&mut scan);
    e.ordinal = take_ordinal(&mut scan);
    e.refers_back = take_reference(&mut scan);
    let (quantity, numbers) = take_quantity(&mut scan);
    e.quantity = quantity;
    e.numbers = numbers;
    let (negated, verbs) = verbs(&scan);
    e.negated = negated;
    e.verbs = verbs;
    e.clear_all = CLEAR_ALL_EN.iter().any(|p| !scan.find_all(p).is_empty())
        || CLEAR_ALL_ZH.iter().any(|p| normalized.contains(p));
    e.yes_no = yes_no(&normalized);
    e.residual = scan.residual();
    e.normalized = normalized;
    e
}

fn email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn take_email(scan: &mut Scan) -> Option<String> {
    let mut found = None;
    for at in 0..scan.chars.len() {
        if scan.get(at) != Some('@') || scan.masked(at, at + 1) {
            continue;
        }
        let mut start = at;
        while start > 0 && scan.get(start - 1).is_some_and(email_char) {
            start -= 1;
        }
        let mut end = at + 1;
        while scan
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            end += 1;
        }
        while end > at + 1 && scan.get(end - 1) == Some('.') {
            end -= 1;
        }
        while start < at && scan.get(start) == Some('.') {
            start += 1;
        }
        let local: String = scan
            .chars
            .get(start..at)
            .unwrap_or_default()
            .iter()
            .collect();
        let domain: String = scan
            .chars
            .get(at + 1..end)
            .unwrap_or_default()
            .iter()
            .collect();
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
        if !local.is_empty() && domain.contains('.') && tld_ok && !domain.starts_with('.') {
            scan.set_mask(start, end);
            if found.is_none() {
                found = Some(format!("{local}@{domain}"));
            }
        }
    }
    found
}

/// A price amount: number with optional currency marks. Returns
/// (value, start, end, has_currency).
fn amount_at(scan: &Scan, i: usize) -> Option<(f64, usize, usize, bool)> {
    // currency before the number
    let start = i;
    let mut has_currency = false;
    let mut num_start = i;
    if let Some(end) = scan.starts_with_any(i, CURRENCY_BEFORE) {
        has_currency = true;
        num_start = scan.skip_spaces(end);
    }
    let first = scan.get(num_start)?;
    let allow_cn = is_cn_numeral_char(first);
    let (value, mut end) = scan.number_at(num_start, allow_cn)?;
    if scan.masked(start, end) {
        return None;
    }
    let after = scan.skip_spaces(end);
    if let Some(e) = scan.starts_with_any(after, CURRENCY_AFTER) {
        has_currency = true;
        end = e;
    } else if allow_cn {
        // Chinese numerals count only with a currency word
        return None;
    }
    if scan.get(end).is_some_and(latin) && !scan.word_end(end) {
        return None;
    }
    Some((value, start, end, has_currency))
}

fn take_price(scan: &mut Scan) -> PriceBound {
    let mut bound = PriceBound::default();
    let mut i = 0;
    while i < scan.chars.len() {
        let Some((a, a_start, a_end, a_cur)) = amount_at(scan, i) else {
            i += 1;
            continue;
        };
        // a number glued to a letter before it ("x2", "a1") is not a price
        if a_start > 0 && scan.get(a_start - 1).is_some_and(latin) {
            i = a_end.max(i + 1);
            continue;
        }
        let before = scan.skip_spaces_back(a_start);
        // range: A (to|-|到) B
        let join_from = scan.skip_spaces(a_end);
        let range = scan.starts_with_any(join_from, RANGE_JOIN).and_then(|j| {
            let b_from = scan.skip_spaces(j);
            amount_at(scan, b_from).map(|b| (b, j))
        });
        let between = scan.ends_with_any(before, &["between", "from", "在", "价格在", "价位在"]);
        if let Some(((b, _, b_end, b_cur), _)) = range {
            let joined_by_and = scan.at(join_from, "and") || scan.at(join_from, "和");
            let priceish = a_cur || b_cur || between.is_some();
            if priceish && (!joined_by_and || between.is_some()) {
                let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                bound.min = Some(lo);
                bound.max = Some(hi);
                let mut end = b_end;
                let after = scan.skip_spaces(end);
                if let Some(e) = scan.starts_with_any(after, &["之间", "以内", "之内"]) {
                    end = e;
                }
                scan.set_mask(between.unwrap_or(a_start), end);
                i = end;
                continue;
            }
        }
        let after = scan.skip_spaces(a_end);
        let max_before = scan.ends_with_any(before, PRICE_MAX_BEFORE);
        let min_before = scan.ends_with_any(before, PRICE_MIN_BEFORE);
        let around_before = scan.ends_with_any(before, PRICE_AROUND_BEFORE);
        let max_after = scan.starts_with_any(after, PRICE_MAX_AFTER);
        let min_after = scan.starts_with_any(after, PRICE_MIN_AFTER);
        let around_after = scan.starts_with_any(after, PRICE_AROUND_AFTER);
        // "在" alone is too weak without a currency or an "以内/以下" after it
        let weak_before = max_before.is_some_and(|s| scan.at(s, "在"));
        let mut start = a_start;
        let mut end = a_end;
        if let Some(e) = max_after {
            bound.max = Some(a);
            end = e;
            if let Some(s) = max_before.or(around_before) {
                start = s;
            }
        } else if let Some(e) = min_after {
            bound.min = Some(a);
            end = e;
            if let Some(s) = min_before {
                start = s;
            }
        } else if let Some(e) = around_after {
            bound.min = Some(a * 0.8);
            bound.max = Some(a * 1.2);
            end = e;
            if let Some(s) = around_before {
                start = s;
            }
        } else if let (Some(s), false) = (max_before, weak_before) {
            bound.max = Some(a);
            start = s;
        } else if let Some(s) =
            min_before.filter(|_| a_cur || !scan.at(min_before.unwrap_or(0), "from"))
        {
            bound.min = Some(a);
            start = s;
        } else if let Some(s) = around_before.filter(|_| a_cur) {
            bound.min = Some(a * 0.8);
            bound.max = Some(a * 1.2);
            start = s;
        } else if a_cur {
            bound.max = Some(a);
        } else {
            i = a_end.max(i + 1);
            continue;
        }
        scan.set_mask(start, end);
        i = end.max(i + 1);
    }
    bound
}

const ORDER_KEYWORDS: &[&str] = &[
    "order number",
    "order no",
    "order num",
    "order id",
    "order",
    "orders",
    "订单号码",
    "订单编号",
    "订单号",
    "订单",
    "单号",
    "no.",
    "no",
    "number",
    "#",
];

fn digits_at(scan: &Scan, i: usize) -> usize {
    let mut j = i;
    while scan.get(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    j
}

fn take_order_number(scan: &mut Scan) -> Option<String> {
    let n = scan.chars.len();
    // 1. a keyword or '#' right before the digits
    let mut keyed: Option<(usize, usize)> = None;
    let mut bare: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < n {
        let is_digit_start = scan.get(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0
                || !scan
                    .get(i - 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.'));
        if !is_digit_start || scan.masked(i, i + 1) {
            i += 1;
            continue;
        }
        let end = digits_at(scan, i);
        let len = end - i;
        let glued_after = scan.get(end).is_some_and(|c| c.is_ascii_alphabetic())
            || (scan.get(end).is_some_and(|c| c == '.' || c == ',')
                && scan.get(end + 1).is_some_and(|c| c.is_ascii_digit()));
        if glued_after || scan.masked(i, end) {
            i = end;
            continue;
        }
        // look back over spaces and separators for a keyword
        let mut b = i;
        while b > 0
            && scan
                .get(b - 1)
                .is_some_and(|c| matches!(c, ' ' | ':' | '#' | '：' | '-'))
        {
            b -= 1;
        }
        let hash = scan.chars.get(b..i).is_some_and(|s| s.contains(&'#'));
        let kw = scan.ends_with_any(b, ORDER_KEYWORDS);
        if len >= 3 && (hash || kw.is_some()) {
            if keyed.is_none() {
                keyed = Some((kw.unwrap_or(b), end));
            }
        } else if (4..=12).contains(&len) && bare.is_none() {
            let after = scan.skip_spaces(end);
            let unit = scan.starts_with_any(
                after,
                &[
                    "码", "号码", "件", "个", "元", "块", "%", "ml", "g", "kg", "cm", "mm",
                ],
            );
            if unit.is_none() || scan.at(after, "号") {
                bare = Some((i, end));
            }
        }
        i = end;
    }
    let (start, end) = keyed.or(bare)?;
    let digits_from = (start..end)
        .find(|&k| scan.get(k).is_some_and(|c| c.is_ascii_digit()) && digits_at(scan, k) == end)?;
    let number: String = scan.chars.get(digits_from..end)?.iter().collect();
    scan.set_mask(start, end);
    Some(number)
}

const SIZE_TOKENS: &[&str] = &[
    "xxxl",
    "3xl",
    "xxl",
    "2xl",
    "xl",
    "xxs",
    "xs",
    "s",
    "m",
    "l",
    "small",
    "medium",
    "large",
    "extra large",
    "extra-large",
    "x-large",
    "x large",
    "xx-large",
    "xx large",
    "extra small",
    "x-small",
    "x small",
    "one size",
    "onesize",
    "free size",
];
const SIZE_ZH: &[&str] = &[
    "加加大号",
    "加加大",
    "特大号",
    "加大号",
    "加大码",
    "加大",
    "加小号",
    "小号",
    "中号",
    "大号",
    "均码",
    "通码",
];
const SIZE_CUES_BEFORE: &[&str] = &[
    "size",
    "sz",
    "尺码",
    "尺码是",
    "尺寸",
    "码数",
    "鞋码",
    "eu",
    "us",
    "uk",
];

fn take_sizes(scan: &mut Scan) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let push = |pos: usize, s: String, found: &mut Vec<(usize, String)>| {
        if !found.iter().any(|(_, x)| *x == s) {
            found.push((pos, s));
        }
    };
    // "size 42", "尺码 m", "42码", "m码"
    for cue in SIZE_CUES_BEFORE {
        for pos in scan.find_all(cue) {
            let cue_end = pos + cue.chars().count();
            let v = scan.skip_spaces(cue_end);
            let v = if scan.at(v, "is") {
                scan.skip_spaces(v + 2)
            } else {
                v
            };
            let v = if scan.at(v, ":") || scan.at(v, "：") {
                scan.skip_spaces(v + 1)
            } else {
                v
            };
            if let Some((value, end)) = scan.number_at(v, false) {
                if value > 0.0 && value < 100.0 && !scan.masked(v, end) {
                    let text: String = scan.chars.get(v..end).unwrap_or_default().iter().collect();
                    push(pos, text, &mut found);
                    scan.set_mask(pos, end);
                }
            } else if let Some(end) = scan.starts_with_any(v, SIZE_TOKENS) {
                let text: String = scan.chars.get(v..end).unwrap_or_default().iter().collect();
                if let Some(s) = canonical_size(&text) {
                    push(pos, s, &mut found);
                    scan.set_mask(pos, end);
                }
            }
        }
    }
    // "42码", "m码", "l号"
    for unit in ["码", "号"] {
        for pos in scan.find_all(unit) {
            let end = scan.skip_spaces_back(pos);
            // digits before?
            let mut s = end;
            while s > 0
                && scan
                    .get(s - 1)
                    .is_some_and(|c| c.is_ascii_digit() || c == '.')
            {
                s -= 1;
            }
            if s < end {
                let before_ok = s == 0 || !scan.get(s - 1).is_some_and(latin);
                let order_like = scan.ends_with_any(s, &["订单", "单", "编", "第"]).is_some();
                let text: String = scan.chars.get(s..end).unwrap_or_default().iter().collect();
                if before_ok && !order_like && text.len() <= 4 && !scan.masked(s, end) {
                    push(s, text, &mut found);
                    scan.set_mask(s, pos + 1);
                }
                continue;
            }
            if let Some(start) = scan.ends_with_any(end, SIZE_TOKENS) {
                let text: String = scan
                    .chars
                    .get(start..end)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                if let Some(size) = canonical_size(&text) {
                    if !scan.masked(start, end) {
                        push(start, size, &mut found);
                        scan.set_mask(start, pos + 1);
                    }
                }
            }
        }
    }
    for z in SIZE_ZH {
        for pos in scan.find_all(z) {
            if let Some(s) = canonical_size(z) {
                push(pos, s, &mut found);
                scan.set_mask(pos, pos + z.chars().count());
            }
        }
    }
    let mut tokens: Vec<&str> = SIZE_TOKENS.to_vec();
    tokens.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    for tok in tokens {
        for pos in scan.find_all(tok) {
            if let Some(s) = canonical_size(tok) {
                push(pos, s, &mut found);
                scan.set_mask(pos, pos + tok.chars().count());
            }
        }
    }
    found.sort_by_key(|(p, _)| *p);
    found.into_iter().map(|(_, s)| s).collect()
}

fn take_colors(scan: &mut Scan) -> Vec<String> {
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    // longest names first so "navy blue" wins over "blue"
    let mut names: Vec<(&'static str, &'static str)> = COLORS
        .iter()
        .flat_map(|d| d.en.iter().chain(d.zh.iter()).map(move |n| (*n, d.key)))
        .collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    for (name, key) in names {
        for pos in scan.find_all(name) {
            if scan.masked(pos, pos + name.chars().count()) {
                continue;
            }
            scan.set_mask(pos, pos + name.chars().count());
            found.push((pos, key));
        }
    }
    for def in COLORS {
        let Some(c) = def.zh_char else { continue };
        for pos in scan.find_all(&c.to_string()) {
            let next = scan.get(pos + 1);
            let prev = if pos > 0 { scan.get(pos - 1) } else { None };
            let safe_next = next.is_none_or(|n| {
                matches!(
                    n,
                    '的' | '款' | '色' | ' ' | '?' | '？' | '吧' | '呢' | '吗'
                ) || latin(n)
            });
            let safe_prev = prev.is_none_or(|p| !NOT_BEFORE_COLOR_CHAR.contains(&p));
            if safe_next && safe_prev {
                scan.set_mask(pos, pos + 1);
                found.push((pos, def.key));
            }
        }
    }
    found.sort_by_key(|(p, _)| *p);
    let mut out: Vec<String> = Vec::new();
    for (_, k) in found {
        if !out.iter().any(|x| x == k) {
            out.push(k.to_string());
        }
    }
    out
}

const ORDINALS_EN: &[(&str, usize)] = &[
    ("first", 1),
    ("1st", 1),
    ("second", 2),
    ("2nd", 2),
    ("third", 3),
    ("3rd", 3),
    ("fourth", 4),
    ("4th", 4),
    ("fifth", 5),
    ("5th", 5),
    ("sixth", 6),
    ("6th", 6),
    ("seventh", 7),
    ("7th", 7),
    ("eighth", 8),
    ("8th", 8),
    ("ninth", 9),
    ("9th", 9),
    ("tenth", 10),
    ("10th", 10),
];

fn take_ordinal(scan: &mut Scan) -> Option<Ordinal> {
    for (word, n) in ORDINALS_EN {
        if let Some(&pos) = scan.find_all(word).first() {
            scan.set_mask(pos, pos + word.chars().count());
            return Some(Ordinal::Nth(*n));
        }
    }
    for word in [
        "the last one",
        "last one",
        "the last",
        "最后一个",
        "最后一件",
        "最后一款",
        "最后那个",
        "最后一双",
        "最后一项",
        "最后一条",
    ] {
        if let Some(&pos) = scan.find_all(word).first() {
            scan.set_mask(pos, pos + word.chars().count());
            return Some(Ordinal::Last);
        }
    }
    for cue in ["第"] {
        for pos in scan.find_all(cue) {
            let v = pos + 1;
            let num = scan
                .number_at(v, true)
                .filter(|(val, end)| *val >= 1.0 && *val <= 50.0 && val.fract() == 0.0 && *end > v);
            if let Some((val, end)) = num {
                let end = if scan.get(end).is_some_and(|c| {
                    MEASURE_WORDS.contains(c) || c == '款' || c == '种' || c == '项'
                }) {
                    end + 1
                } else {
                    end
                };
                scan.set_mask(pos, end);
                return Some(Ordinal::Nth(val as usize));
            }
        }
    }
    for cue in ["number", "no.", "option", "item", "#"] {
        for pos in scan.find_all(cue) {
            let v = scan.skip_spaces(pos + cue.chars().count());
            if let Some((val, end)) = scan.number_at(v, false) {
                if (1.0..=20.0).contains(&val) && val.fract() == 0.0 && scan.word_end(end) {
                    scan.set_mask(pos, end);
                    return Some(Ordinal::Nth(val as usize));
                }
            }
        }
    }
    None
}

fn take_reference(scan: &mut Scan) -> bool {
    let mut found = false;
    for word in REFERENCE_ZH {
        for pos in scan.find_all(word) {
            scan.set_mask(pos, pos + word.chars().count());
            found = true;
        }
    }
    for word in REFERENCE_EN {
        if !scan.find_all(word).is_empty() {
            found = true;
        }
    }
    // "the red one", "the cheaper one", "the one in blue"
    if !scan.find_all("one").is_empty() || !scan.find_all("ones").is_empty() {
        found = true;
    }
    found
}

fn take_quantity(scan: &mut Scan) -> (Option<u32>, Vec<u64>) {
    let mut quantity: Option<u32> = None;
    let mut numbers = Vec::new();
    let n = scan.chars.len();
    let to_q = |v: u64| u32::try_from(v).ok().filter(|&q| q >= 1);
    // "x2", "×2", "2x"
    for i in 0..n {
        if scan.masked(i, i + 1) {
            continue;
        }
        let c = scan.get(i);
        if (c == Some('x') || c == Some('×') || c == Some('*'))
            && (c != Some('x') || scan.word_start(i))
        {
            let v = scan.skip_spaces(i + 1);
            if let Some((val, end)) = scan.number_at(v, false) {
                if val.fract() == 0.0 && scan.word_end(end) && !scan.masked(v, end) {
                    if quantity.is_none() {
                        quantity = to_q(val as u64);
                    }
                    scan.set_mask(i, end);
                }
            }
        }
    }
    let mut i = 0;
    while i < n {
        if scan.masked(i, i + 1) {
            i += 1;
            continue;
        }
        let c = scan.get(i).unwrap_or(' ');
        if c.is_ascii_digit() && (i == 0 || !scan.get(i - 1).is_some_and(|p| latin(p) || p == '.'))
        {
            let end = digits_at(scan, i);
            let glued = scan
                .get(end)
                .is_some_and(|x| latin(x) || x == '.' || x == '%');
            let value: Option<u64> = scan
                .chars
                .get(i..end)
                .and_then(|d| d.iter().collect::<String>().parse().ok());
            if let (false, Some(v)) = (glued, value) {
                if !scan.masked(i, end) {
                    numbers.push(v);
                    if quantity.is_none() && (1..=999).contains(&v) {
                        quantity = to_q(v);
                    }
                    let after = end;
                    let unit_end = if scan.get(after).is_some_and(|x| MEASURE_WORDS.contains(x)) {
                        after + 1
                    } else {
                        after
                    };
                    scan.set_mask(i, unit_end);
                }
            }
            i = end.max(i + 1);
            continue;
        }
        if is_cn_numeral_char(c) {
            if let Some((v, len)) = scan.chars.get(i..).and_then(chinese_numeral_prefix) {
                let end = i + len;
                let next = scan.get(end);
                let measured = next.is_some_and(|x| MEASURE_WORDS.contains(x));
                let alone = next.is_none_or(|x| !is_cjk(x))
                    && (i == 0 || !scan.get(i - 1).is_some_and(is_cjk) || {
                        // "改成两", "要三" end a short phrase
                        scan.ends_with_any(i, &["改成", "改为", "换成", "要", "买", "加", "来"])
                            .is_some()
                    });
                // "一" alone is too common ("一下", "一起") to be a number
                let is_just_yi = len == 1 && matches!(c, '一' | '壹');
                if measured || (alone && !is_just_yi) {
                    numbers.push(v);
                    if quantity.is_none() {
                        quantity = to_q(v);
                    }
                    scan.set_mask(i, if measured { end + 1 } else { end });
                }
                i = end.max(i + 1);
                continue;
            }
        }
        if latin(c) && scan.word_start(i) {
            let mut end = i;
            while scan.get(end).is_some_and(latin) {
                end += 1;
            }
            let word: String = scan.chars.get(i..end).unwrap_or_default().iter().collect();
            if let Some(v) = english_number_word(&word) {
                numbers.push(u64::from(v));
                if quantity.is_none() {
                    quantity = Some(v);
                }
                scan.set_mask(i, end);
            } else if word == "one" {
                let before = scan.skip_spaces_back(i);
                if scan
                    .ends_with_any(
                        before,
                        &[
                            "make it", "to", "just", "only", "want", "take", "buy", "get",
                        ],
                    )
                    .is_some()
                {
                    numbers.push(1);
                    if quantity.is_none() {
                        quantity = Some(1);
                    }
                }
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    (quantity, numbers)
}

const NEGATION_FILLERS: &[&str] = &[
    "want", "to", "need", "please", "you", "go", "ahead", "and", "me", "just", "wanna", "it",
    "that",
];

/// The first negated action verb, and the verbs used without negation.
fn verbs(scan: &Scan) -> (Option<ActionVerb>, Vec<ActionVerb>) {
    let text: String = scan.chars.iter().collect();
    let mut negated: Option<ActionVerb> = None;
    let mut positive: Vec<ActionVerb> = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| !latin(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut negated_at: Vec<usize> = Vec::new();
    for i in 0..words.len() {
        for cue in NEGATION_EN {
            let cue_words: Vec<&str> = cue.split(' ').collect();
            if words.get(i..i + cue_words.len()) != Some(&cue_words[..]) {
                continue;
            }
            let mut j = i + cue_words.len();
            let mut skipped = 0;
            while skipped < 3 && words.get(j).is_some_and(|w| NEGATION_FILLERS.contains(w)) {
                j += 1;
                skipped += 1;
            }
            if let Some(verb) = words.get(j).filter(|w| ACTION_VERBS_EN.contains(w)) {
                negated.get_or_insert(verb_action(verb));
                negated_at.push(j);
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        if ACTION_VERBS_EN.contains(w) && !negated_at.contains(&i) {
            let v = verb_action(w);
            if !positive.contains(&v) {
                positive.push(v);
            }
        }
    }
    let mut negated_spans: Vec<usize> = Vec::new();
    for cue in NEGATION_ZH {
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(cue)) {
            let start = from + pos + cue.len();
            let window: Vec<(usize, char)> = text
                .get(start..)
                .unwrap_or("")
                .char_indices()
                .take(4)
                .take_while(|(_, c)| {
                    !matches!(c, '，' | ',' | '。' | '.' | '!' | '！' | '?' | '？' | ' ')
                })
                .collect();
            'offsets: for offset in 0..3.min(window.len()) {
                let Some(&(byte, _)) = window.get(offset) else {
                    break;
                };
                let rest = text.get(start + byte..).unwrap_or("");
                if let Some(verb) = ACTION_VERBS_ZH.iter().find(|v| rest.starts_with(*v)) {
                    negated.get_or_insert(verb_action(verb));
                    negated_spans.push(start + byte);
                    break 'offsets;
                }
            }
            from = start;
        }
    }
    for verb in ACTION_VERBS_ZH {
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(verb)) {
            let at = from + pos;
            if !negated_spans.contains(&at) {
                let v = verb_action(verb);
                if !positive.contains(&v) {
                    positive.push(v);
                }
            }
            from = at + verb.len();
        }
    }
    (negated, positive)
}

const POLITE_TAIL: &[&str] = &[
    "please",
    "thanks",
    "thank you",
    "thx",
    "do it",
    "go ahead",
    "谢谢",
    "吧",
    "啊",
    "了",
    "呀",
    "哈",
    "的",
    "呢",
    "好",
    "please do",
];

fn yes_no(normalized: &str) -> Option<bool> {
    let trimmed = normalized.trim_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "，。！？、~～…".contains(c)
    });
    if trimmed.is_empty() {
        return None;
    }
    let classify = |s: &str| -> Option<bool> {
        if YES.contains(&s) {
            Some(true)
        } else if NO.contains(&s) {
            Some(false)
        } else {
            None
        }
    };
    if let Some(v) = classify(trimmed) {
        return Some(v);
    }
    let non_space: Vec<char> = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    if non_space
        .iter()
        .all(|c| matches!(c, '👍' | '👌' | '✅' | '✔' | '🙆'))
    {
        return Some(true);
    }
    if non_space.iter().all(|c| matches!(c, '👎' | '❌' | '🙅')) {
        return Some(false);
    }
    // "yes, please", "好的谢谢", "no thanks!"
    let mut best: Option<(usize, bool)> = None;
    for (list, v) in [(YES, true), (NO, false)] {
        for w in list {
            if let Some(rest) = trimmed.strip_prefix(w) {
                let first_ok = rest
                    .chars()
                    .next()
                    .is_some_and(|c| !latin(c) || !w.chars().all(latin));
                let rest = rest.trim_matches(|c: char| {
                    c.is_whitespace() || c.is_ascii_punctuation() || "，。！？、~～…".contains(c)
                });
                let tail_ok =
                    rest.is_empty() || POLITE_TAIL.contains(&rest) || classify(rest) == Some(v);
                if first_ok && tail_ok && best.is_none_or(|(len, _)| w.len() > len) {
                    best = Some((w.len(), v));
                }
            }
        }
    }
    best.map(|(_, v)| v)
}

#[cfg(test)]
mod tests;
