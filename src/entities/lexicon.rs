//! Word lists: colours, sizes, stop words, yes/no, references and negation cues,
//! in English and Chinese (Simplified — input is normalised before lookup).

/// A colour with its English and Chinese names. `key` is the canonical English
/// name used to compare colours across languages.
pub struct ColorDef {
    pub key: &'static str,
    pub en: &'static [&'static str],
    pub zh: &'static [&'static str],
    /// Single-character Chinese name ("红"), matched only in safe positions.
    pub zh_char: Option<char>,
    /// Display names.
    pub label_en: &'static str,
    pub label_zh: &'static str,
}

/// Colours the assistant understands in both languages.
pub const COLORS: &[ColorDef] = &[
    ColorDef {
        key: "black",
        en: &["black", "jet black"],
        zh: &["黑色"],
        zh_char: Some('黑'),
        label_en: "Black",
        label_zh: "黑色",
    },
    ColorDef {
        key: "white",
        en: &["white"],
        zh: &["白色"],
        zh_char: Some('白'),
        label_en: "White",
        label_zh: "白色",
    },
    ColorDef {
        key: "red",
        en: &["red", "scarlet", "crimson"],
        zh: &["红色", "大红"],
        zh_char: Some('红'),
        label_en: "Red",
        label_zh: "红色",
    },
    ColorDef {
        key: "navy",
        en: &["navy", "navy blue", "dark blue"],
        zh: &[
            "藏青色",
            "藏青",
            "藏蓝色",
            "藏蓝",
            "海军蓝",
            "深蓝色",
            "深蓝",
        ],
        zh_char: None,
        label_en: "Navy",
        label_zh: "藏青色",
    },
    ColorDef {
        key: "blue",
        en: &["blue", "light blue", "sky blue"],
        zh: &["蓝色", "天蓝色", "浅蓝色", "浅蓝"],
        zh_char: Some('蓝'),
        label_en: "Blue",
        label_zh: "蓝色",
    },
    ColorDef {
        key: "olive",
        en: &["olive", "olive green", "army green"],
        zh: &["橄榄绿", "军绿色", "军绿"],
        zh_char: None,
        label_en: "Olive",
        label_zh: "橄榄绿",
    },
    ColorDef {
        key: "green",
        en: &["green"],
        zh: &["绿色"],
        zh_char: Some('绿'),
        label_en: "Green",
        label_zh: "绿色",
    },
    ColorDef {
        key: "grey",
        en: &["grey", "gray", "charcoal", "heather grey", "heather gray"],
        zh: &["灰色", "深灰色", "浅灰色", "深灰", "浅灰"],
        zh_char: Some('灰'),
        label_en: "Grey",
        label_zh: "灰色",
    },
    ColorDef {
        key: "beige",
        en: &["beige", "sand", "oatmeal"],
        zh: &["米色", "米白色", "米白", "沙色"],
        zh_char: None,
        label_en: "Beige",
        label_zh: "米色",
    },
    ColorDef {
        key: "brown",
        en: &["brown", "chocolate", "coffee"],
        zh: &["棕色", "咖啡色", "褐色"],
        zh_char: Some('棕'),
        label_en: "Brown",
        label_zh: "棕色",
    },
    ColorDef {
        key: "pink",
        en: &["pink"],
        zh: &["粉色", "粉红色", "粉红"],
        zh_char: Some('粉'),
        label_en: "Pink",
        label_zh: "粉色",
    },
    ColorDef {
        key: "purple",
        en: &["purple", "violet", "lilac"],
        zh: &["紫色"],
        zh_char: Some('紫'),
        label_en: "Purple",
        label_zh: "紫色",
    },
    ColorDef {
        key: "yellow",
        en: &["yellow", "mustard"],
        zh: &["黄色"],
        zh_char: Some('黄'),
        label_en: "Yellow",
        label_zh: "黄色",
    },
    ColorDef {
        key: "orange",
        en: &["orange"],
        zh: &["橙色", "橘色"],
        zh_char: Some('橙'),
        label_en: "Orange",
        label_zh: "橙色",
    },
    ColorDef {
        key: "silver",
        en: &["silver"],
        zh: &["银色"],
        zh_char: Some('银'),
        label_en: "Silver",
        label_zh: "银色",
    },
    ColorDef {
        key: "gold",
        en: &["gold", "golden"],
        zh: &["金色"],
        zh_char: None,
        label_en: "Gold",
        label_zh: "金色",
    },
    ColorDef {
        key: "cream",
        en: &["cream", "ivory", "off white", "off-white"],
        zh: &["奶油色", "奶白色", "象牙白"],
        zh_char: None,
        label_en: "Cream",
        label_zh: "奶油色",
    },
    ColorDef {
        key: "khaki",
        en: &["khaki"],
        zh: &["卡其色", "卡其"],
        zh_char: None,
        label_en: "Khaki",
        label_zh: "卡其色",
    },
];

/// Characters that, before a single-character colour, make it part of another
/// word ("明白" = understand, "空白" = blank).
pub const NOT_BEFORE_COLOR_CHAR: &[char] = &['明', '空', '坦', '表', '告', '清', '蛋', '黑', '洁'];

/// The colour definition for a canonical key.
pub fn color(key: &str) -> Option<&'static ColorDef> {
    COLORS.iter().find(|c| c.key == key)
}

/// Canonical colour key of a catalog option value ("Jet Black" → black,
/// "藏青色" → navy, "Forest Green" → green). `None` when no colour word occurs.
pub fn color_key_of(value: &str) -> Option<&'static str> {
    let v = crate::text::normalize(value);
    // the longest matching name wins ("navy blue" is navy, not blue)
    let mut best: Option<(&'static str, usize)> = None;
    for def in COLORS {
        for name in def.en.iter().chain(def.zh.iter()) {
            let hit = if name.is_ascii() {
                contains_word(&v, name)
            } else {
                v.contains(name)
            };
            if hit && best.is_none_or(|(_, len)| name.len() > len) {
                best = Some((def.key, name.len()));
            }
        }
        if let Some(c) = def.zh_char {
            if v == c.to_string() && best.is_none() {
                best = Some((def.key, 1));
            }
        }
    }
    best.map(|(k, _)| k)
}

/// True when `word` (ASCII, may contain spaces) occurs in `text` at word boundaries.
pub fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(pos) = text.get(start..).and_then(|t| t.find(word)) {
        let at = start + pos;
        let end = at + word.len();
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() || crate::text::is_cjk(c));
        let after_ok = text
            .get(end..)
            .and_then(|t| t.chars().next())
            .is_none_or(|c| !c.is_alphanumeric() || crate::text::is_cjk(c));
        if before_ok && after_ok {
            return true;
        }
        start = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Letter sizes in order, smallest first.
pub const LETTER_SIZES: &[&str] = &["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"];

/// Canonical size of a size text: "medium" → "M", "x-large" → "XL", "2xl" → "XXL",
/// "大号" → "L", "均码" → "One Size", "42" → "42". `None` when not a size.
pub fn canonical_size(value: &str) -> Option<String> {
    let v = crate::text::normalize(value);
    let v = v.trim_end_matches(['码', '号']).trim();
    let compact: String = v
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .collect();
    let letter = match compact.as_str() {
        "xxs" | "extraextrasmall" | "2xs" => "XXS",
        "xs" | "extrasmall" | "xsmall" | "加小" => "XS",
        "s" | "small" | "sm" | "小" => "S",
        "m" | "medium" | "med" | "中" => "M",
        "l" | "large" | "lg" | "大" => "L",
        "xl" | "extralarge" | "xlarge" | "加大" => "XL",
        "xxl" | "2xl" | "xxlarge" | "2xlarge" | "extraextralarge" | "特大" | "加加大" => "XXL",
        "xxxl" | "3xl" | "xxxlarge" | "3xlarge" => "XXXL",
        "onesize" | "均" | "通" | "os" | "freesize" => "One Size",
        _ => "",
    };
    if !letter.is_empty() {
        return Some(letter.to_string());
    }
    // numeric sizes: shoe sizes, waist sizes ("42", "9.5"), optionally "eu 42"
    let num = v
        .trim_start_matches("eu")
        .trim_start_matches("us")
        .trim_start_matches("uk")
        .trim();
    let is_num = !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit() || c == '.')
        && num.chars().next().is_some_and(|c| c.is_ascii_digit())
        && num.len() <= 5;
    if is_num {
        return Some(num.to_string());
    }
    None
}

/// English words that carry no product meaning in a search.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "add",
    "added",
    "all",
    "also",
    "am",
    "an",
    "and",
    "another",
    "any",
    "anything",
    "are",
    "as",
    "at",
    "available",
    "back",
    "basket",
    "be",
    "below",
    "best",
    "between",
    "bought",
    "but",
    "buy",
    "by",
    "can",
    "cart",
    "change",
    "cheap",
    "cheaper",
    "cheapest",
    "check",
    "color",
    "colors",
    "colour",
    "colours",
    "come",
    "cost",
    "costs",
    "could",
    "delete",
    "details",
    "did",
    "do",
    "does",
    "dollar",
    "dollars",
    "bucks",
    "usd",
    "dont",
    "each",
    "else",
    "even",
    "ever",
    "expensive",
    "find",
    "for",
    "from",
    "get",
    "give",
    "go",
    "got",
    "had",
    "has",
    "have",
    "hello",
    "hey",
    "hi",
    "how",
    "i",
    "id",
    "if",
    "ill",
    "im",
    "in",
    "info",
    "into",
    "is",
    "it",
    "item",
    "items",
    "its",
    "ive",
    "just",
    "know",
    "less",
    "let",
    "lets",
    "like",
    "look",
    "looking",
    "lot",
    "make",
    "many",
    "max",
    "maximum",
    "me",
    "mine",
    "more",
    "most",
    "much",
    "my",
    "need",
    "new",
    "no",
    "not",
    "now",
    "of",
    "off",
    "ok",
    "okay",
    "on",
    "one",
    "ones",
    "only",
    "or",
    "order",
    "other",
    "out",
    "over",
    "please",
    "pls",
    "plz",
    "price",
    "prices",
    "priced",
    "product",
    "products",
    "put",
    "qty",
    "quantity",
    "really",
    "recommend",
    "remove",
    "right",
    "see",
    "sell",
    "selling",
    "sells",
    "should",
    "show",
    "size",
    "sizes",
    "so",
    "some",
    "something",
    "still",
    "stock",
    "stuff",
    "such",
    "take",
    "tell",
    "than",
    "thanks",
    "that",
    "thats",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "to",
    "too",
    "total",
    "under",
    "up",
    "update",
    "us",
    "use",
    "very",
    "want",
    "wanna",
    "was",
    "we",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "within",
    "would",
    "yes",
    "you",
    "your",
    "yours",
    "got",
    "gotta",
    "least",
    "most",
    "whole",
    "everything",
    "clear",
    "empty",
    "instead",
    "swap",
    "switch",
    "number",
    "many",
    "left",
    "here",
    "hows",
    "tho",
    "though",
    "pick",
    "choose",
    "option",
    "options",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "last",
    "same",
    "different",
    "good",
    "great",
    "nice",
    "cool",
    "kind",
    "sort",
    "type",
    "types",
    "version",
    "actually",
    "maybe",
    "perhaps",
    "well",
    "hmm",
    "um",
    "oh",
    "again",
    "yet",
    "purchase",
    "want",
    "wanted",
    "looking",
    "searching",
    "search",
    "anyone",
    "someone",
    "available",
    "any",
    "got",
    "left",
    "cost",
    "much",
    "does",
    "come",
    "comes",
    "coming",
    "made",
    "tell",
    "more",
    "details",
    "detail",
    "information",
    "about",
    "sure",
    "fine",
    "please",
    "thank",
    "great",
    "perfect",
    "awesome",
    "cheers",
    "bye",
    "goodbye",
    "cart",
    "basket",
    "add",
    "adding",
    "put",
    "into",
    "inside",
    "stocked",
    "instock",
    "sold",
    "soldout",
    "restock",
    "back",
    "pair",
    "pairs",
    "piece",
    "pieces",
    "unit",
    "units",
    "in",
    "my",
    "to",
    "i",
    "ll",
    "d",
    "s",
    "t",
    "m",
    "wear",
    "size",
    "fit",
    "fits",
    "would",
    "like",
];

/// True for an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Chinese characters too common to identify a product on their own.
pub const STOP_CHARS: &str = "货现库存尺寸颜价格便宜贵式请问告诉介绍详细情谢订单退换运费送邮进入放拿几还就呢吧嘛帮看下给能会对来点些其他更太比较吗呀么啦嗯哦咯喔我你您他她它的了吗呢吧啊呀哦嘛有没这那个件双条款只是在要想买加给一二三四五两和还看下什么多少钱请帮能可以不就都也很最么哪些种把到去来说用过好号码色元块内上购物车删除掉改成数量查找推荐给再换吗嗯哈是否对呗谁啥怎样现货库存里面中大小红黑白蓝灰绿黄粉紫棕橙银";

/// True for a Chinese character that is a stop character.
pub fn is_stop_char(c: char) -> bool {
    // a sorted copy, binary-searched: `STOP_CHARS.contains(c)` sets up a
    // substring search for every non-ASCII `c` (a tenth of the catalog load in wasm)
    static SORTED: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v: Vec<char> = STOP_CHARS.chars().collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    sorted.binary_search(&c).is_ok()
}

/// Whole-message "yes" answers (after trimming punctuation).
pub const YES: &[&str] = &[
    "yes",
    "yeah",
    "yea",
    "yep",
    "yup",
    "y",
    "sure",
    "ok",
    "okay",
    "k",
    "kk",
    "confirm",
    "confirmed",
    "do it",
    "go ahead",
    "please do",
    "yes please",
    "correct",
    "right",
    "absolutely",
    "of course",
    "definitely",
    "sounds good",
    "alright",
    "all right",
    "go for it",
    "please",
    "yes do it",
    "ok do it",
    "sure thing",
    "affirmative",
    "👍",
    "👌",
    "✅",
    "✔",
    "🙆",
    "好",
    "好的",
    "好啊",
    "好吧",
    "行",
    "可以",
    "是",
    "是的",
    "对",
    "对的",
    "确认",
    "确定",
    "嗯",
    "嗯嗯",
    "没问题",
    "要",
    "要的",
    "好滴",
    "ok的",
    "好嘞",
    "可以的",
    "确认取消",
    "同意",
    "是啊",
    "对啊",
    "当然",
];

/// Whole-message "no" answers (after trimming punctuation).
pub const NO: &[&str] = &[
    "no",
    "nope",
    "nah",
    "n",
    "no thanks",
    "no thank you",
    "never mind",
    "nevermind",
    "not now",
    "dont",
    "do not",
    "stop",
    "forget it",
    "no way",
    "not really",
    "leave it",
    "keep it",
    "no dont",
    "dont do it",
    "👎",
    "❌",
    "🙅",
    "不",
    "不要",
    "不用",
    "不用了",
    "算了",
    "别",
    "不了",
    "不是",
    "不行",
    "不对",
    "先不要",
    "先不用",
    "不需要",
    "不要了",
    "算了吧",
    "还是算了",
    "不必了",
    "不必",
    "别了",
];

/// Cues that negate a following action verb ("don't add", "不要加").
pub const NEGATION_EN: &[&str] = &[
    "dont",
    "do not",
    "never",
    "no need to",
    "not",
    "please dont",
    "shouldnt",
    "wont",
    "didnt",
    "doesnt",
];
pub const NEGATION_ZH: &[&str] = &[
    "不要",
    "别",
    "不用",
    "不想",
    "无需",
    "不需要",
    "甭",
    "先不",
    "不必",
    "没让你",
    "不是要",
];

/// Action verbs a negation cue can negate.
pub const ACTION_VERBS_EN: &[&str] = &[
    "add", "put", "buy", "purchase", "get", "order", "remove", "delete", "cancel", "return",
    "refund", "checkout", "check", "place", "empty", "clear", "change", "include", "throw",
];
pub const ACTION_VERBS_ZH: &[&str] = &[
    "加", "放", "买", "购买", "删", "移除", "去掉", "拿掉", "取消", "退", "下单", "结算", "清空",
    "改", "换",
];

/// Words meaning "all of it" in cart operations.
pub const CLEAR_ALL_EN: &[&str] = &[
    "everything",
    "all items",
    "all of it",
    "all of them",
    "whole cart",
    "entire cart",
    "empty",
    "clear",
    "start over",
    "all the items",
    "every item",
];
pub const CLEAR_ALL_ZH: &[&str] = &["清空", "全部", "都删", "全删", "所有", "都不要", "全都"];

/// Words that refer back to a product ("it", "这件").
pub const REFERENCE_EN: &[&str] = &[
    "it", "this", "that", "these", "those", "them", "this one", "that one", "the one",
];
pub const REFERENCE_ZH: &[&str] = &[
    "这个", "那个", "这件", "那件", "这双", "那双", "这款", "那款", "这条", "那条", "这只", "那只",
    "这顶", "那顶", "这些", "那些", "这种", "那种", "它", "这套", "那套", "这瓶", "那瓶", "这把",
    "那把", "这盒", "那盒",
];

/// Chinese measure words (classifiers) that follow a quantity.
pub const MEASURE_WORDS: &str = "件个双条只瓶份套盒包张把支顶副对台本袋罐杯";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_keys() {
        assert_eq!(color_key_of("Jet Black"), Some("black"));
        assert_eq!(color_key_of("Navy Blue"), Some("navy"));
        assert_eq!(color_key_of("藏青色"), Some("navy"));
        assert_eq!(color_key_of("Forest Green"), Some("green"));
        assert_eq!(color_key_of("红"), Some("red"));
        assert_eq!(color_key_of("Bluetooth"), None);
        assert_eq!(color_key_of("Large"), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(canonical_size("Medium").as_deref(), Some("M"));
        assert_eq!(canonical_size("x-large").as_deref(), Some("XL"));
        assert_eq!(canonical_size("2XL").as_deref(), Some("XXL"));
        assert_eq!(canonical_size("大号").as_deref(), Some("L"));
        assert_eq!(canonical_size("M码").as_deref(), Some("M"));
        assert_eq!(canonical_size("42").as_deref(), Some("42"));
        assert_eq!(canonical_size("EU 42").as_deref(), Some("42"));
        assert_eq!(canonical_size("One Size").as_deref(), Some("One Size"));
        assert_eq!(canonical_size("Red"), None);
        assert_eq!(canonical_size(""), None);
    }

    #[test]
    fn word_boundaries() {
        assert!(contains_word("the red one", "red"));
        assert!(!contains_word("tired", "red"));
        assert!(contains_word("要red的", "red"));
        assert!(!contains_word("", "red"));
    }
}
