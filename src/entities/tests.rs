use super::*;

fn ex(s: &str) -> Entities {
    extract(s)
}

#[test]
fn quantities_in_all_forms() {
    assert_eq!(ex("add 2 to my cart").quantity, Some(2));
    assert_eq!(ex("add two hoodies").quantity, Some(2));
    assert_eq!(ex("I'll take three").quantity, Some(3));
    assert_eq!(ex("数量改成两件").quantity, Some(2));
    assert_eq!(ex("来俩").quantity, Some(2));
    assert_eq!(ex("我要三双").quantity, Some(3));
    assert_eq!(ex("加十二个").quantity, Some(12));
    assert_eq!(ex("加入２件").quantity, Some(2));
    assert_eq!(ex("x3 please").quantity, Some(3));
    assert_eq!(ex("make it one").quantity, Some(1));
    assert_eq!(ex("the red one").quantity, None);
    assert_eq!(ex("350ml bottle").quantity, None);
    assert_eq!(ex("一起看看").quantity, None);
    assert_eq!(ex("a dozen socks").quantity, Some(12));
}

#[test]
fn sizes_in_all_forms() {
    assert_eq!(ex("M").sizes, vec!["M"]);
    assert_eq!(ex("size medium please").sizes, vec!["M"]);
    assert_eq!(ex("这件卫衣M码还有货吗").sizes, vec!["M"]);
    assert_eq!(ex("要大号的").sizes, vec!["L"]);
    assert_eq!(ex("42码").sizes, vec!["42"]);
    assert_eq!(ex("size 42 please").sizes, vec!["42"]);
    assert_eq!(ex("is the XL in stock").sizes, vec!["XL"]);
    assert_eq!(ex("I'll take 2 in l").sizes, vec!["L"]);
    assert_eq!(ex("I'll take 2 in l").quantity, Some(2));
    assert_eq!(ex("x-large").sizes, vec!["XL"]);
    assert!(ex("订单号10482").sizes.is_empty());
    assert!(ex("show me t-shirts").sizes.is_empty());
}

#[test]
fn colours_both_languages() {
    assert_eq!(ex("the red one").colors, vec!["red"]);
    assert_eq!(ex("红色的那件").colors, vec!["red"]);
    assert_eq!(ex("要黑色").colors, vec!["black"]);
    assert_eq!(ex("有红的吗").colors, vec!["red"]);
    assert_eq!(ex("navy blue hoodie").colors, vec!["navy"]);
    assert_eq!(ex("black or white").colors, vec!["black", "white"]);
    assert!(ex("我明白了").colors.is_empty());
    assert!(ex("蓝牙耳机").colors.is_empty());
    assert!(ex("tired").colors.is_empty());
}

#[test]
fn order_numbers() {
    assert_eq!(
        ex("where is my order 10482").order_number.as_deref(),
        Some("10482")
    );
    assert_eq!(ex("order #10482").order_number.as_deref(), Some("10482"));
    assert_eq!(ex("#10482").order_number.as_deref(), Some("10482"));
    assert_eq!(ex("＃１０４８２").order_number.as_deref(), Some("10482"));
    assert_eq!(ex("订单号：10482").order_number.as_deref(), Some("10482"));
    assert_eq!(
        ex("我的订单10482到哪了").order_number.as_deref(),
        Some("10482")
    );
    assert_eq!(ex("10482").order_number.as_deref(), Some("10482"));
    assert_eq!(ex("add 2 mugs").order_number, None);
    assert_eq!(ex("under 1000 dollars").order_number, None);
}

#[test]
fn emails() {
    let e = ex("it's 10482 and my email is Jane.Doe+shop@Example.com.");
    assert_eq!(e.email.as_deref(), Some("jane.doe+shop@example.com"));
    assert_eq!(e.order_number.as_deref(), Some("10482"));
    assert_eq!(
        ex("邮箱是li.wei@example.cn").email.as_deref(),
        Some("li.wei@example.cn")
    );
    assert_eq!(ex("me@localhost").email, None);
    assert_eq!(ex("@@@").email, None);
}

#[test]
fn price_bounds() {
    let p = |s: &str| ex(s).price;
    assert_eq!(
        p("jackets under $50"),
        PriceBound {
            min: None,
            max: Some(50.0)
        }
    );
    assert_eq!(
        p("有没有100元以内的卫衣"),
        PriceBound {
            min: None,
            max: Some(100.0)
        }
    );
    assert_eq!(
        p("between 20 and 40"),
        PriceBound {
            min: Some(20.0),
            max: Some(40.0)
        }
    );
    assert_eq!(
        p("less than 30 dollars"),
        PriceBound {
            min: None,
            max: Some(30.0)
        }
    );
    assert_eq!(
        p("50块以下的"),
        PriceBound {
            min: None,
            max: Some(50.0)
        }
    );
    assert_eq!(
        p("over $100"),
        PriceBound {
            min: Some(100.0),
            max: None
        }
    );
    assert_eq!(
        p("$20 - $40"),
        PriceBound {
            min: Some(20.0),
            max: Some(40.0)
        }
    );
    assert_eq!(
        p("20到40元"),
        PriceBound {
            min: Some(20.0),
            max: Some(40.0)
        }
    );
    assert_eq!(
        p("一百块以内"),
        PriceBound {
            min: None,
            max: Some(100.0)
        }
    );
    assert_eq!(
        p("低于80"),
        PriceBound {
            min: None,
            max: Some(80.0)
        }
    );
    assert_eq!(
        p("300元以上"),
        PriceBound {
            min: Some(300.0),
            max: None
        }
    );
    assert_eq!(
        p("under 49.99"),
        PriceBound {
            min: None,
            max: Some(49.99)
        }
    );
    assert!(p("add 2 mugs").is_empty());
    assert!(p("ships in 2-3 days").is_empty());
    assert!(p("order 10482").is_empty());
}

#[test]
fn ordinals_and_references() {
    assert_eq!(ex("the second one").ordinal, Some(Ordinal::Nth(2)));
    assert_eq!(ex("第二个").ordinal, Some(Ordinal::Nth(2)));
    assert_eq!(ex("第3款").ordinal, Some(Ordinal::Nth(3)));
    assert_eq!(ex("the last one").ordinal, Some(Ordinal::Last));
    assert_eq!(ex("option 2").ordinal, Some(Ordinal::Nth(2)));
    assert!(ex("add it").refers_back);
    assert!(ex("那件有M码吗").refers_back);
    assert!(ex("the red one").refers_back);
    assert!(!ex("show me hoodies").refers_back);
    assert_eq!(Ordinal::Nth(2).index(3), Some(1));
    assert_eq!(Ordinal::Nth(4).index(3), None);
    assert_eq!(Ordinal::Last.index(3), Some(2));
    assert_eq!(Ordinal::Last.index(0), None);
}

#[test]
fn negation() {
    assert_eq!(ex("don't add the mug").negated, Some(ActionVerb::Add));
    assert_eq!(ex("Don’t add the mug").negated, Some(ActionVerb::Add));
    assert_eq!(
        ex("please do not put it in my cart").negated,
        Some(ActionVerb::Add)
    );
    assert_eq!(ex("不要加杯子").negated, Some(ActionVerb::Add));
    assert_eq!(ex("别给我加").negated, Some(ActionVerb::Add));
    assert_eq!(
        ex("don't cancel my order").negated,
        Some(ActionVerb::Cancel)
    );
    assert_eq!(ex("不想买了，删掉吧").negated, Some(ActionVerb::Add));
    assert_eq!(ex("不想买了，删掉吧").verbs, vec![ActionVerb::Remove]);
    assert_eq!(ex("don't add the mug").verbs, vec![]);
    assert_eq!(ex("remove the mug").verbs, vec![ActionVerb::Remove]);
    assert_eq!(ex("add the mug").negated, None);
    assert_eq!(ex("不要了，删掉吧").negated, None);
    assert_eq!(ex("I don't know, add it").negated, None);
}

#[test]
fn yes_and_no() {
    for y in [
        "yes",
        "Yes!",
        "ok do it",
        "👍",
        "好的",
        "好的，谢谢",
        "sure",
        "yes please",
        "可以",
        "对",
    ] {
        assert_eq!(ex(y).yes_no, Some(true), "{y}");
    }
    for n in [
        "no",
        "No thanks",
        "算了",
        "不用了",
        "never mind",
        "不要",
        "nope.",
    ] {
        assert_eq!(ex(n).yes_no, Some(false), "{n}");
    }
    for other in [
        "yes I want the blue one",
        "not sure",
        "好贵",
        "nothing",
        "不要加杯子",
        "ok so what about shipping",
    ] {
        assert_eq!(ex(other).yes_no, None, "{other}");
    }
}

#[test]
fn clear_all_and_residual() {
    assert!(ex("clear my cart").clear_all);
    assert!(ex("清空购物车").clear_all);
    assert!(!ex("remove the mug").clear_all);
    let e = ex("add 2 red hoodies in size M under $60");
    assert_eq!(e.residual, "add hoodies in");
    assert_eq!(e.quantity, Some(2));
    assert_eq!(e.colors, vec!["red"]);
    assert_eq!(e.sizes, vec!["M"]);
    assert_eq!(e.price.max, Some(60.0));
}

#[test]
fn total_on_hostile_input() {
    for s in [
        "",
        " ",
        "\u{0}\u{1}",
        "🤷‍♀️🤷‍♀️",
        "#",
        "##########",
        "第",
        "第第第",
        "$",
        "$$$ 50$",
        "x",
        "××××",
        "@",
        "a@b.",
        "under",
        "between and",
        "1,",
        "1.",
        "9".repeat(600).as_str(),
        "一".repeat(600).as_str(),
        "m码".repeat(300).as_str(),
    ] {
        let _ = ex(s);
    }
}

#[test]
fn stop_chars_are_looked_up_exactly() {
    use super::lexicon::{is_stop_char, STOP_CHARS};
    for c in STOP_CHARS.chars() {
        assert!(is_stop_char(c), "{c}");
    }
    let others = "云朵抓绒卫衣越野跑鞋帆布托特包有机棉T恤 a1?é한カ𠀀\u{0}";
    for c in others.chars().chain('\u{4e00}'..='\u{4fff}') {
        assert_eq!(is_stop_char(c), STOP_CHARS.contains(c), "{c}");
    }
}
