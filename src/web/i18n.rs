//! The widget's own words (everything that is not a reply from the assistant).

use crate::text::Lang;

/// UI strings in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings {
    pub launcher: &'static str,
    pub title: &'static str,
    pub close: &'static str,
    pub input_label: &'static str,
    pub input_placeholder: &'static str,
    pub send: &'static str,
    pub loading: &'static str,
    pub typing: &'static str,
    pub error_title: &'static str,
    pub error_model: &'static str,
    pub error_catalog: &'static str,
    pub error_contact: &'static str,
    pub error_page_ok: &'static str,
    pub retry: &'static str,
    pub add_to_cart: &'static str,
    pub added: &'static str,
    pub out_of_stock: &'static str,
    pub variant: &'static str,
    pub cart: &'static str,
    pub cart_empty: &'static str,
    pub total: &'static str,
    pub hide_cart: &'static str,
    pub suggestions: &'static str,
    pub conversation: &'static str,
    pub you: &'static str,
    pub assistant: &'static str,
    pub quantity: &'static str,
    pub products: &'static str,
    pub remove: &'static str,
    pub checkout: &'static str,
}

pub const EN: Strings = Strings {
    launcher: "Open the shop assistant",
    title: "Shop assistant",
    close: "Close the shop assistant",
    input_label: "Your message",
    input_placeholder: "Ask about products, orders, returns…",
    send: "Send",
    loading: "Loading the assistant…",
    typing: "The assistant is typing…",
    error_title: "Sorry, the assistant is unavailable",
    error_model: "The assistant could not start.",
    error_catalog: "The shop's product list could not be loaded.",
    error_contact: "Contact the shop",
    error_page_ok: "You can keep shopping on this page as usual.",
    retry: "Try again",
    add_to_cart: "Add to cart",
    added: "Added",
    out_of_stock: "Out of stock",
    variant: "Option",
    cart: "Cart",
    cart_empty: "Your cart is empty.",
    total: "Total",
    hide_cart: "Hide cart",
    suggestions: "Suggested replies",
    conversation: "Conversation",
    you: "You",
    assistant: "Assistant",
    quantity: "Qty",
    products: "Products",
    remove: "Remove",
    checkout: "Checkout",
};

pub const ZH: Strings = Strings {
    launcher: "打开购物助手",
    title: "购物助手",
    close: "关闭购物助手",
    input_label: "输入消息",
    input_placeholder: "询问商品、订单、退货…",
    send: "发送",
    loading: "购物助手加载中…",
    typing: "购物助手正在输入…",
    error_title: "抱歉，购物助手暂时无法使用",
    error_model: "购物助手无法启动。",
    error_catalog: "无法加载本店的商品目录。",
    error_contact: "联系商家",
    error_page_ok: "您可以继续正常浏览和购物。",
    retry: "重试",
    add_to_cart: "加入购物车",
    added: "已加入",
    out_of_stock: "缺货",
    variant: "规格",
    cart: "购物车",
    cart_empty: "购物车是空的。",
    total: "合计",
    hide_cart: "收起购物车",
    suggestions: "快捷回复",
    conversation: "对话",
    you: "我",
    assistant: "助手",
    quantity: "数量",
    products: "商品",
    remove: "删除",
    checkout: "去结算",
};

/// The strings for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// Label of the cart button with its item count.
pub fn cart_button(lang: Lang, items: u32) -> String {
    match (lang, items) {
        (Lang::En, 1) => "Cart, 1 item".to_string(),
        (Lang::En, n) => format!("Cart, {n} items"),
        (Lang::Zh, n) => format!("购物车，{n} 件商品"),
    }
}

/// What the live region says about product cards that came with a reply.
pub fn cards_announcement(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (_, 0) => String::new(),
        (Lang::En, 1) => "1 product shown.".to_string(),
        (Lang::En, n) => format!("{n} products shown."),
        (Lang::Zh, n) => format!("显示 {n} 件商品。"),
    }
}
