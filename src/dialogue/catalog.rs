//! Product flows: search, details, stock, recommendations, adding to the cart,
//! and resolving which product (and variant) the shopper means.

use super::{Assistant, Goal, Out, Pending, ProductCard};
use crate::entities::{canonical_size, color_key_of, lexicon, Entities, Filter};
use crate::intent::Intent;
use crate::store::{major_to_minor, OptionKind, Product, ProductHit, ProductQuery, Store, Variant};
use crate::text::{is_cjk, normalize, Lang};

/// Which product a message is about.
pub(crate) enum Resolved {
    One(Box<Product>),
    Many(Vec<Product>),
    /// The message names something the shop does not carry.
    Unknown,
    /// The message names no product and there is nothing to refer back to.
    Nothing,
}

/// Non-stop words left in a message (Latin words and CJK characters).
pub(crate) fn content_words(residual: &str) -> usize {
    let latin = residual
        .split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| {
            w.chars().count() >= 2
                && !lexicon::is_stop_word(w)
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .count();
    let cjk = residual
        .chars()
        .filter(|&c| is_cjk(c) && !lexicon::is_stop_char(c))
        .count();
    latin + cjk
}

/// True when `needle` (normalised) occurs in `hay` (normalised), at word
/// boundaries for Latin text.
fn mentions(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    if needle.chars().any(is_cjk) {
        hay.contains(needle)
    } else {
        lexicon::contains_word(hay, needle)
    }
}

/// Option values named in a message, per option of `p`: sizes and colours by
/// their canonical form, any value by its text or Chinese label.
pub(crate) fn preselect(
    p: &Product,
    sizes: &[String],
    colors: &[String],
    normalized: &str,
) -> Vec<Option<String>> {
    p.options
        .iter()
        .map(|opt| {
            let by_text = opt.values.iter().find(|v| {
                let label_hit = opt
                    .labels
                    .get(*v)
                    .is_some_and(|l| l.texts().any(|t| mentions(normalized, &normalize(t))));
                let value_hit = v.chars().count() > 1 && mentions(normalized, &normalize(v));
                label_hit || value_hit
            });
            let by_kind = match opt.kind {
                OptionKind::Size => opt
                    .values
                    .iter()
                    .find(|v| canonical_size(v).is_some_and(|s| sizes.contains(&s))),
                OptionKind::Color => opt.values.iter().find(|v| {
                    let key = color_key_of(v).or_else(|| {
                        opt.labels
                            .get(*v)
                            .and_then(|l| l.zh.as_deref())
                            .and_then(color_key_of)
                    });
                    key.is_some_and(|k| colors.iter().any(|c| c == k))
                }),
                OptionKind::Other => None,
            };
            by_kind.or(by_text).cloned()
        })
        .collect()
}

/// Variants consistent with a partial selection.
fn matching<'a>(p: &'a Product, sel: &[Option<String>]) -> Vec<&'a Variant> {
    p.variants
        .iter()
        .filter(|v| {
            sel.iter()
                .zip(&v.options)
                .all(|(s, o)| s.as_ref().is_none_or(|s| s == o))
        })
        .collect()
}

impl<S: Store> Assistant<S> {
    pub(crate) fn filter(&self, ents: &Entities) -> Filter {
        let currency = &self.store.settings().currency;
        Filter {
            min_price: ents.price.min.map(|v| major_to_minor(v, currency)),
            max_price: ents.price.max.map(|v| major_to_minor(v, currency)),
            color: ents.colors.first().cloned(),
            size: ents.sizes.first().cloned(),
            category: None,
            in_stock: false,
        }
    }

    pub(crate) async fn search_hits(
        &self,
        text: &str,
        filter: Filter,
        limit: usize,
    ) -> Vec<ProductHit> {
        let query = ProductQuery {
            text: text.to_string(),
            filter,
            limit,
        };
        self.store.search(&query).await.unwrap_or_default()
    }

    async fn products_by_id(&self, ids: &[String]) -> Vec<Product> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(p) = self.product(id).await {
                out.push(p);
            }
        }
        out
    }

    /// Which product the message means: an ordinal into the last list, a named
    /// product (exact, partial or misspelt), or a reference back to the product
    /// in focus ("it", "the red one", "这件").
    pub(crate) async fn resolve(&self, ents: &Entities) -> Resolved {
        let ctx = &self.session.context;
        if let Some(ord) = ents.ordinal {
            if let Some(id) = ord.index(ctx.shown.len()).and_then(|i| ctx.shown.get(i)) {
                if let Some(p) = self.product(id).await {
                    return Resolved::One(Box::new(p));
                }
            }
        }
        let hits: Vec<ProductHit> = self
            .search_hits(&ents.residual, Filter::default(), 8)
            .await
            .into_iter()
            .filter(|h| h.score > 0.0)
            .collect();
        let focus = ctx.focus.clone();
        if let Some(top) = hits.first() {
            if let Some(f) = &focus {
                if ents.refers_back && hits.iter().any(|h| &h.product.id == f) {
                    if let Some(h) = hits.iter().find(|h| &h.product.id == f) {
                        return Resolved::One(Box::new(h.product.clone()));
                    }
                }
            }
            let second = hits.get(1).map_or(0.0, |h| h.score);
            let clear_winner = top.exact
                || hits.len() == 1
                || top.coverage >= 0.99 && top.score > second
                || (top.score >= 1.5 * second && top.coverage >= 0.5);
            if clear_winner {
                return Resolved::One(Box::new(top.product.clone()));
            }
            let mut candidates: Vec<Product> = hits
                .iter()
                .filter(|h| h.score >= 0.6 * top.score)
                .take(5)
                .map(|h| h.product.clone())
                .collect();
            if !ents.colors.is_empty() || !ents.sizes.is_empty() {
                let narrowed: Vec<Product> = candidates
                    .iter()
                    .filter(|p| {
                        let sel = preselect(p, &ents.sizes, &ents.colors, &ents.normalized);
                        sel.iter().any(Option::is_some)
                    })
                    .cloned()
                    .collect();
                if !narrowed.is_empty() {
                    candidates = narrowed;
                }
            }
            if let Some(f) = &focus {
                if let Some(p) = candidates.iter().find(|p| &p.id == f) {
                    return Resolved::One(Box::new(p.clone()));
                }
            }
            return match candidates.len() {
                0 => Resolved::Unknown,
                1 => candidates
                    .pop()
                    .map_or(Resolved::Unknown, |p| Resolved::One(Box::new(p))),
                _ => Resolved::Many(candidates),
            };
        }
        if content_words(&ents.residual) > 0 && !ents.refers_back {
            return Resolved::Unknown;
        }
        // "the red one": narrow the last list by colour/size
        if (!ents.colors.is_empty() || !ents.sizes.is_empty()) && ctx.shown.len() > 1 {
            let shown = self.products_by_id(&ctx.shown).await;
            let fitting: Vec<Product> = shown
                .into_iter()
                .filter(|p| {
                    let sel = preselect(p, &ents.sizes, &ents.colors, &ents.normalized);
                    let named = p.options.iter().zip(&sel).all(|(o, s)| match o.kind {
                        OptionKind::Color if !ents.colors.is_empty() => s.is_some(),
                        OptionKind::Size if !ents.sizes.is_empty() => s.is_some(),
                        _ => true,
                    });
                    named && sel.iter().any(Option::is_some)
                })
                .collect();
            if fitting.len() == 1 {
                return fitting
                    .into_iter()
                    .next()
                    .map_or(Resolved::Nothing, |p| Resolved::One(Box::new(p)));
            }
            if fitting.iter().any(|p| Some(&p.id) == focus.as_ref()) {
                if let Some(p) = fitting.iter().find(|p| Some(&p.id) == focus.as_ref()) {
                    return Resolved::One(Box::new(p.clone()));
                }
            }
            if fitting.len() > 1 {
                return Resolved::Many(fitting);
            }
        }
        if let Some(f) = focus {
            if let Some(p) = self.product(&f).await {
                return Resolved::One(Box::new(p));
            }
        }
        Resolved::Nothing
    }

    // ---------------------------------------------------------------- cards

    pub(crate) fn stock_text(&self, v: &Variant) -> String {
        let low = self.store.settings().low_stock_threshold;
        let n = v.available();
        if n == 0 {
            self.t("Sold out", "已售罄")
        } else if n <= low {
            self.t(format!("Only {n} left"), format!("仅剩{n}件"))
        } else {
            self.t("In stock", "有货")
        }
    }

    pub(crate) fn price_text(&self, p: &Product) -> String {
        let (lo, hi) = p.price_range();
        if lo == hi {
            self.money(lo)
        } else {
            self.t(
                format!("from {}", self.money(lo)),
                format!("{}起", self.money(lo)),
            )
        }
    }

    pub(crate) fn card(&self, p: &Product, v: Option<&Variant>) -> ProductCard {
        let (price, compare, stock, available) = match v {
            Some(v) => (
                self.money(v.price),
                v.compare_at_price
                    .filter(|c| *c > v.price)
                    .map(|c| self.money(c)),
                self.stock_text(v),
                v.available() > 0,
            ),
            None => {
                let total = p.total_stock();
                let any_out = p.variants.iter().any(|v| v.available() == 0);
                let stock = if total == 0 {
                    self.t("Sold out", "已售罄")
                } else if p.variants.len() == 1 {
                    p.variants
                        .first()
                        .map(|v| self.stock_text(v))
                        .unwrap_or_default()
                } else if any_out {
                    self.t("In stock (some options sold out)", "有货（部分款式售罄）")
                } else {
                    self.t("In stock", "有货")
                };
                let lo = p.price_range().0;
                let compare = p
                    .variants
                    .iter()
                    .filter(|v| v.price == lo)
                    .filter_map(|v| v.compare_at_price)
                    .find(|c| *c > lo)
                    .map(|c| self.money(c));
                (self.price_text(p), compare, stock, total > 0)
            }
        };
        ProductCard {
            product_id: p.id.clone(),
            variant_id: v.map(|v| v.id.clone()),
            title: self.title(p),
            variant_title: v.map(|v| p.variant_label(v, self.lang)).unwrap_or_default(),
            price,
            compare_at: compare,
            image: p.image.clone(),
            url: p.url.clone(),
            stock,
            available,
        }
    }

    fn option_values_text(&self, p: &Product) -> String {
        let parts: Vec<String> = p
            .options
            .iter()
            .map(|o| {
                let values: Vec<String> = o
                    .values
                    .iter()
                    .map(|v| o.label(v, self.lang).to_string())
                    .collect();
                format!(
                    "{}{} {}",
                    o.name.get(self.lang),
                    self.t(":", "："),
                    self.join(&values)
                )
            })
            .collect();
        parts.join(self.t("; ", "；").as_str())
    }

    fn focus_on(&mut self, p: &Product, v: Option<&Variant>) {
        let ctx = &mut self.session.context;
        if ctx.focus.as_deref() != Some(p.id.as_str()) {
            ctx.focus_variant = None;
            ctx.focus_options.clear();
        }
        ctx.focus = Some(p.id.clone());
        if let Some(v) = v {
            ctx.focus_variant = Some(v.id.clone());
            ctx.focus_options = v.options.iter().cloned().map(Some).collect();
        }
    }

    fn show_list(&mut self, products: &[Product]) {
        self.session.context.shown = products.iter().map(|p| p.id.clone()).take(10).collect();
        if let [only] = products {
            self.focus_on(only, None);
        }
    }

    fn list_lines(&self, products: &[Product]) -> String {
        products
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let sold_out = p.total_stock() == 0;
                let note = if sold_out {
                    self.t(" (sold out)", "（已售罄）")
                } else {
                    String::new()
                };
                format!(
                    "{}. {} — {}{note}",
                    i + 1,
                    self.title(p),
                    self.price_text(p)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    // ---------------------------------------------------------------- flows

    /// `product_search`.
    pub(crate) async fn search(&mut self, ents: &Entities) -> Out {
        let filter = self.filter(ents);
        let mut hits = self.search_hits(&ents.residual, filter.clone(), 6).await;
        // a product named outright (or "the second one") is shown on its own
        if let Some(ord) = ents.ordinal {
            if let Some(id) = ord
                .index(self.session.context.shown.len())
                .and_then(|i| self.session.context.shown.get(i).cloned())
            {
                if let Some(p) = self.product(&id).await {
                    return self.product_info(&p, None);
                }
            }
        }
        if hits.is_empty() && ents.refers_back && content_words(&ents.residual) == 0 {
            // "do you have it in red?"
            if let Resolved::One(p) = self.resolve(ents).await {
                let sel = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
                return self.stock_answer(&p, sel);
            }
        }
        let mut intro = match (filter.min_price, filter.max_price) {
            (Some(lo), Some(hi)) => self.t(
                format!(
                    "Here's what I found between {} and {}:",
                    self.money(lo),
                    self.money(hi)
                ),
                format!("为您找到{}到{}之间的商品：", self.money(lo), self.money(hi)),
            ),
            (None, Some(hi)) => self.t(
                format!("Here's what I found under {}:", self.money(hi)),
                format!("为您找到{}以内的商品：", self.money(hi)),
            ),
            (Some(lo), None) => self.t(
                format!("Here's what I found over {}:", self.money(lo)),
                format!("为您找到{}以上的商品：", self.money(lo)),
            ),
            (None, None) => self.t("Here's what I found:", "为您找到以下商品："),
        };
        if hits.is_empty() {
            let relaxed = Filter {
                min_price: None,
                max_price: None,
                color: None,
                size: None,
                ..filter.clone()
            };
            let had_filter = relaxed != filter;
            let mut near = if had_filter {
                self.search_hits(&ents.residual, relaxed, 6).await
            } else {
                Vec::new()
            };
            if near.is_empty() {
                let cats = self.store.categories().await.unwrap_or_default();
                let names: Vec<String> = cats
                    .iter()
                    .map(|c| c.name.get(self.lang).to_string())
                    .collect();
                return Out::new(
                    Intent::ProductSearch,
                    self.t(
                        format!(
                            "Sorry, I couldn't find anything matching that. We carry: {}.",
                            self.join(&names)
                        ),
                        format!(
                            "抱歉，没有找到符合条件的商品。我们有：{}。",
                            self.join(&names)
                        ),
                    ),
                )
                .suggest(names.into_iter().take(6));
            }
            if filter.max_price.is_some() {
                near.sort_by_key(|h| h.product.price_range().0);
            }
            near.truncate(3);
            intro = match (filter.max_price, filter.min_price) {
                (Some(hi), _) => self.t(
                    format!(
                        "I couldn't find any under {}. The closest options are:",
                        self.money(hi)
                    ),
                    format!("没有{}以内的商品，最接近的是：", self.money(hi)),
                ),
                (None, Some(lo)) => self.t(
                    format!(
                        "I couldn't find any over {}. Here are the closest:",
                        self.money(lo)
                    ),
                    format!("没有{}以上的商品，最接近的是：", self.money(lo)),
                ),
                _ => self.t(
                    "Not in that colour or size, but here's what we have:",
                    "没有该颜色或尺码，不过有以下商品：",
                ),
            };
            hits = near;
        }
        let exact_top = hits
            .first()
            .filter(|h| h.exact)
            .map(|h| h.product.id.clone());
        let products: Vec<Product> = hits.into_iter().take(5).map(|h| h.product).collect();
        self.show_list(&products);
        if products.len() > 1 {
            // "it" after a list means the product named outright, or nothing yet
            match exact_top.and_then(|id| products.iter().find(|p| p.id == id)) {
                Some(p) => {
                    let p = p.clone();
                    self.focus_on(&p, None);
                }
                None => {
                    self.session.context.focus = None;
                    self.session.context.focus_variant = None;
                }
            }
        }
        let cards = products.iter().map(|p| self.card(p, None)).collect();
        let lines = self.list_lines(&products);
        let more = if products.len() > 1 {
            self.t(
                "\nAsk me about any of them, e.g. \"tell me more about the first one\".",
                "\n想了解哪一款？例如「第一个详细介绍一下」。",
            )
        } else {
            String::new()
        };
        let suggestions: Vec<String> = if products.len() > 1 {
            vec![
                self.t("Tell me more about the first one", "第一个详细介绍一下"),
                self.t("View cart", "查看购物车"),
            ]
        } else {
            vec![
                self.t("Add to cart", "加入购物车"),
                self.t("Is it in stock?", "有货吗？"),
            ]
        };
        Out::new(Intent::ProductSearch, format!("{intro}\n{lines}{more}"))
            .cards(cards)
            .suggest(suggestions)
    }

    /// `recommend`.
    pub(crate) async fn recommend(&mut self, ents: &Entities) -> Out {
        let mut filter = self.filter(ents);
        filter.in_stock = true;
        let mut hits = self.search_hits(&ents.residual, filter.clone(), 4).await;
        if hits.is_empty() {
            hits = self.search_hits("", filter, 4).await;
        }
        let products: Vec<Product> = hits.into_iter().map(|h| h.product).collect();
        if products.is_empty() {
            return Out::new(Intent::Recommend, self.t("I couldn't find anything in stock that fits — could you tell me a bit more about what you need?", "暂时没有合适的有货商品，能再具体说说您的需求吗？"));
        }
        self.show_list(&products);
        let cards = products.iter().map(|p| self.card(p, None)).collect();
        let text = format!(
            "{}\n{}",
            self.t("Here are some of our favourites:", "为您推荐这些热门商品："),
            self.list_lines(&products)
        );
        Out::new(Intent::Recommend, text).cards(cards).suggest([
            self.t("Tell me more about the first one", "第一个详细介绍一下"),
            self.t("Add the first one to my cart", "把第一个加入购物车"),
        ])
    }

    fn ask_which(
        &mut self,
        candidates: Vec<Product>,
        goal: Goal,
        ents: &Entities,
        intent: Intent,
    ) -> Out {
        let lines = self.list_lines(&candidates);
        let cards = candidates.iter().map(|p| self.card(p, None)).collect();
        let titles: Vec<String> = candidates.iter().map(|p| self.title(p)).collect();
        self.show_list(&candidates);
        self.session.context.pending = Some(Pending::Product {
            candidates: candidates.iter().map(|p| p.id.clone()).collect(),
            goal,
            sizes: ents.sizes.clone(),
            colors: ents.colors.clone(),
        });
        Out::new(
            intent,
            format!(
                "{}\n{lines}",
                self.t("Which one do you mean?", "请问您指的是哪一款？")
            ),
        )
        .cards(cards)
        .suggest(titles)
    }

    fn which_product(&self, intent: Intent, unknown: bool, residual: &str) -> Out {
        let text = if unknown {
            self.t(
                format!("Sorry, I couldn't find \"{}\" in our shop. Could you describe it differently, or ask me to show a category?", residual.trim()),
                format!("抱歉，店里没有找到「{}」。可以换个说法，或者让我列出某个类别的商品。", residual.trim()),
            )
        } else {
            self.t(
                "Which product do you mean? You can name it or ask me to show you some.",
                "请问是哪件商品？可以告诉我名称，或者让我先给您推荐几款。",
            )
        };
        Out::new(intent, text).suggest(self.starter_suggestions())
    }

    /// Nothing named and nothing in focus: ask which of the products last shown,
    /// or what the shopper has in mind.
    async fn which_of_shown(&mut self, goal: Goal, ents: &Entities, intent: Intent) -> Out {
        if self.session.context.shown.len() > 1 {
            let shown = self
                .products_by_id(&self.session.context.shown.clone())
                .await;
            if shown.len() > 1 {
                return self.ask_which(shown, goal, ents, intent);
            }
        }
        if intent == Intent::CartAdd {
            return Out::new(
                intent,
                self.t(
                    "What would you like to add to your cart?",
                    "您想把什么加入购物车？",
                ),
            )
            .suggest(self.starter_suggestions());
        }
        self.which_product(intent, false, "")
    }

    /// `product_info`.
    pub(crate) async fn info(&mut self, ents: &Entities) -> Out {
        match self.resolve(ents).await {
            Resolved::One(p) => {
                let sel = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
                if sel.iter().any(Option::is_some) && !sel.iter().all(Option::is_some) {
                    // "does this hoodie come in L?" is about availability
                    let mut out = self.stock_answer(&p, sel);
                    out.intent = Intent::ProductInfo;
                    return out;
                }
                let v = if sel.iter().all(Option::is_some) && !p.options.is_empty() {
                    matching(&p, &sel).into_iter().next().cloned()
                } else {
                    None
                };
                self.product_info(&p, v.as_ref())
            }
            Resolved::Many(c) => self.ask_which(c, Goal::Info, ents, Intent::ProductInfo),
            Resolved::Unknown => self.which_product(Intent::ProductInfo, true, &ents.residual),
            Resolved::Nothing => {
                self.which_of_shown(Goal::Info, ents, Intent::ProductInfo)
                    .await
            }
        }
    }

    pub(crate) fn product_info(&mut self, p: &Product, v: Option<&Variant>) -> Out {
        self.focus_on(p, v);
        self.session.context.shown = vec![p.id.clone()];
        let card = self.card(p, v);
        let mut text = format!("{} — {}", self.title(p), card.price);
        if let Some(c) = &card.compare_at {
            text.push_str(&self.t(format!(" (was {c})"), format!("（原价{c}）")));
        }
        text.push('.');
        let desc = p.description.get(self.lang);
        if !desc.is_empty() {
            text.push('\n');
            text.push_str(desc);
        }
        if !p.options.is_empty() {
            text.push('\n');
            text.push_str(&self.option_values_text(p));
        }
        text.push('\n');
        text.push_str(&match v {
            Some(v) => format!("{}: {}", p.variant_label(v, self.lang), self.stock_text(v)),
            None => card.stock.clone(),
        });
        Out::new(Intent::ProductInfo, text)
            .cards(vec![card])
            .suggest([
                self.t("Add to cart", "加入购物车"),
                self.t("Is it in stock?", "有货吗？"),
            ])
    }

    /// `stock_check`.
    pub(crate) async fn stock(&mut self, ents: &Entities) -> Out {
        match self.resolve(ents).await {
            Resolved::One(p) => {
                let sel = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
                if sel.iter().all(Option::is_none)
                    && (!ents.sizes.is_empty() || !ents.colors.is_empty())
                {
                    // asked for a size/colour this product does not come in
                    let asked = ents.named_options();
                    let text = self.t(
                        format!(
                            "The {} doesn't come in {}. {}",
                            self.title(&p),
                            self.join(&asked),
                            self.option_values_text(&p)
                        ),
                        format!(
                            "{}没有{}。{}",
                            self.title(&p),
                            self.join(&asked),
                            self.option_values_text(&p)
                        ),
                    );
                    self.focus_on(&p, None);
                    let card = self.card(&p, None);
                    return Out::new(Intent::StockCheck, text).cards(vec![card]);
                }
                self.stock_answer(&p, sel)
            }
            Resolved::Many(c) => self.ask_which(c, Goal::Stock, ents, Intent::StockCheck),
            Resolved::Unknown => self.which_product(Intent::StockCheck, true, &ents.residual),
            Resolved::Nothing => {
                self.which_of_shown(Goal::Stock, ents, Intent::StockCheck)
                    .await
            }
        }
    }

    pub(crate) fn stock_answer(&mut self, p: &Product, sel: Vec<Option<String>>) -> Out {
        let variants = matching(p, &sel);
        let title = self.title(p);
        if let [v] = variants[..] {
            let label = p.variant_label(v, self.lang);
            let name = self.with_detail(&title, &label);
            let n = v.available();
            let low = self.store.settings().low_stock_threshold;
            let mut text = if n == 0 {
                self.t(
                    format!("Sorry, the {name} is sold out."),
                    format!("抱歉，{name}已售罄。"),
                )
            } else if n <= low {
                self.t(
                    format!("Yes — the {name} is in stock, but only {n} left."),
                    format!("有货——{name}仅剩{n}件。"),
                )
            } else {
                self.t(
                    format!("Yes, the {name} is in stock ({n} available)."),
                    format!("有货，{name}还有{n}件。"),
                )
            };
            if n == 0 {
                let others = self.in_stock_labels(p);
                text.push_str(&self.available_note(&others));
            }
            self.focus_on(p, Some(v));
            let card = self.card(p, Some(v));
            let out = Out::new(Intent::StockCheck, text).cards(vec![card]);
            return if n > 0 {
                out.suggest([self.t("Add to cart", "加入购物车")])
            } else {
                out
            };
        }
        self.focus_on(p, None);
        if sel.iter().any(Option::is_some) {
            self.session.context.focus_options = sel.clone();
        }
        let in_stock: Vec<String> = variants
            .iter()
            .filter(|v| v.available() > 0)
            .map(|v| {
                let n = v.available();
                let low = self.store.settings().low_stock_threshold;
                let label = p.variant_label(v, self.lang);
                if n <= low {
                    self.t(
                        format!("{label} (only {n} left)"),
                        format!("{label}（仅剩{n}件）"),
                    )
                } else {
                    label
                }
            })
            .collect();
        let sold_out: Vec<String> = variants
            .iter()
            .filter(|v| v.available() == 0)
            .map(|v| p.variant_label(v, self.lang))
            .collect();
        let narrowed: Vec<String> = p
            .options
            .iter()
            .zip(&sel)
            .filter_map(|(o, s)| s.as_ref().map(|s| o.label(s, self.lang).to_string()))
            .collect();
        let name = self.with_detail(&title, &self.join(&narrowed));
        let mut text = if in_stock.is_empty() {
            self.t(
                format!("Sorry, the {name} is sold out."),
                format!("抱歉，{name}已全部售罄。"),
            )
        } else {
            self.t(
                format!("The {name} is in stock in: {}.", self.join(&in_stock)),
                format!("{name}有货的款式：{}。", self.join(&in_stock)),
            )
        };
        if !sold_out.is_empty() && !in_stock.is_empty() {
            text.push_str(&self.t(
                format!(" Sold out: {}.", self.join(&sold_out)),
                format!("已售罄：{}。", self.join(&sold_out)),
            ));
        }
        let card = self.card(p, None);
        let out = Out::new(Intent::StockCheck, text).cards(vec![card]);
        if in_stock.is_empty() {
            out
        } else {
            out.suggest([self.t("Add to cart", "加入购物车")])
        }
    }

    /// `cart_add`.
    pub(crate) async fn add(&mut self, ents: &Entities) -> Out {
        // a long number in a cart request is a quantity, not an order number
        let quantity = ents
            .quantity
            .or_else(|| {
                ents.order_number
                    .as_deref()
                    .and_then(|n| n.parse::<u32>().ok())
            })
            .unwrap_or(1)
            .max(1);
        match self.resolve(ents).await {
            Resolved::One(p) => self.pursue(*p, Goal::Add { quantity }, ents).await,
            Resolved::Many(c) => self.ask_which(c, Goal::Add { quantity }, ents, Intent::CartAdd),
            Resolved::Unknown => self.which_product(Intent::CartAdd, true, &ents.residual),
            Resolved::Nothing => {
                self.which_of_shown(Goal::Add { quantity }, ents, Intent::CartAdd)
                    .await
            }
        }
    }

    /// "Add to cart" button.
    pub(crate) async fn act_add(
        &mut self,
        product_id: &str,
        variant_id: Option<&str>,
        quantity: u32,
    ) -> Out {
        let Some(p) = self.product(product_id).await else {
            return Out::new(
                Intent::CartAdd,
                self.t(
                    "Sorry, that product is no longer available.",
                    "抱歉，该商品已下架。",
                ),
            );
        };
        let quantity = quantity.max(1);
        match variant_id.and_then(|id| p.variant(id)).cloned() {
            Some(v) => self.add_variant(&p, &v, quantity),
            None => {
                let sel = vec![None; p.options.len()];
                self.complete_or_ask(p, sel, Goal::Add { quantity })
            }
        }
    }

    /// Works towards `goal` for product `p` with the option values the message
    /// names (or the variant in focus when it names none).
    pub(crate) async fn pursue(&mut self, p: Product, goal: Goal, ents: &Entities) -> Out {
        let mut sel = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
        let ctx = &self.session.context;
        if sel.iter().all(Option::is_none) && ctx.focus.as_deref() == Some(p.id.as_str()) {
            if let Some(v) = ctx.focus_variant.as_deref().and_then(|id| p.variant(id)) {
                sel = v.options.iter().cloned().map(Some).collect();
            } else if ctx.focus_options.len() == p.options.len() {
                // still valid values of this product?
                let valid = ctx
                    .focus_options
                    .iter()
                    .zip(&p.options)
                    .all(|(v, o)| v.as_ref().is_none_or(|v| o.values.contains(v)));
                if valid {
                    sel = ctx.focus_options.clone();
                }
            }
        }
        if sel.iter().all(Option::is_none)
            && (!ents.sizes.is_empty() || !ents.colors.is_empty())
            && !p.options.is_empty()
        {
            return self.not_offered_then_ask(p, sel, goal, ents);
        }
        self.complete_or_ask(p, sel, goal)
    }

    /// The shopper named sizes or colours `p` doesn't come in: say so, then go on
    /// as [`Self::complete_or_ask`].
    fn not_offered_then_ask(
        &mut self,
        p: Product,
        sel: Vec<Option<String>>,
        goal: Goal,
        ents: &Entities,
    ) -> Out {
        let asked = ents.named_options();
        let note = self.t(
            format!(
                "The {} doesn't come in {}. ",
                self.title(&p),
                self.join(&asked)
            ),
            format!("{}没有{}。", self.title(&p), self.join(&asked)),
        );
        let mut out = self.complete_or_ask(p, sel, goal);
        out.text = format!("{note}{}", out.text);
        out
    }

    /// Completes the goal when every option is chosen, else asks for the next one.
    pub(crate) fn complete_or_ask(
        &mut self,
        p: Product,
        mut sel: Vec<Option<String>>,
        goal: Goal,
    ) -> Out {
        sel.resize(p.options.len(), None);
        for (i, opt) in p.options.iter().enumerate() {
            if let (Some(slot), [only]) = (sel.get_mut(i), &opt.values[..]) {
                if slot.is_none() {
                    *slot = Some(only.clone());
                }
            }
        }
        if let Some(missing) = sel.iter().position(Option::is_none) {
            return match goal {
                Goal::Stock => self.stock_answer(&p, sel),
                Goal::Info => self.product_info(&p, None),
                Goal::Add { .. } | Goal::Change { .. } => self.ask_option(p, sel, missing, goal),
            };
        }
        let Some(v) = matching(&p, &sel).into_iter().next().cloned() else {
            let available: Vec<String> = p
                .variants
                .iter()
                .filter(|v| v.available() > 0)
                .map(|v| p.variant_label(v, self.lang))
                .collect();
            self.focus_on(&p, None);
            let card = self.card(&p, None);
            return Out::new(
                goal_intent(&goal),
                self.t(
                    format!(
                        "The {} doesn't come in that combination. Available: {}.",
                        self.title(&p),
                        self.join(&available)
                    ),
                    format!(
                        "{}没有这个组合。有货的款式：{}。",
                        self.title(&p),
                        self.join(&available)
                    ),
                ),
            )
            .cards(vec![card]);
        };
        match goal {
            Goal::Add { quantity } => self.add_variant(&p, &v, quantity),
            Goal::Stock => self.stock_answer(&p, sel),
            Goal::Info => self.product_info(&p, Some(&v)),
            Goal::Change { from_variant } => self.change_line(&from_variant, &p, &v),
        }
    }

    fn ask_option(
        &mut self,
        p: Product,
        mut sel: Vec<Option<String>>,
        index: usize,
        goal: Goal,
    ) -> Out {
        let Some(opt) = p.options.get(index).cloned() else {
            return self.product_info(&p, None);
        };
        let in_stock = |sel: &[Option<String>], value: &str| {
            p.variants.iter().any(|v| {
                v.available() > 0
                    && v.options.get(index).map(String::as_str) == Some(value)
                    && sel
                        .iter()
                        .zip(&v.options)
                        .enumerate()
                        .all(|(i, (s, o))| i == index || s.as_ref().is_none_or(|s| s == o))
            })
        };
        let mut note = String::new();
        if !opt.values.iter().any(|v| in_stock(&sel, v)) {
            // the other choices leave nothing: say so and start over
            let chosen: Vec<String> = p
                .options
                .iter()
                .zip(&sel)
                .filter_map(|(o, s)| s.as_ref().map(|s| o.label(s, self.lang).to_string()))
                .collect();
            note = self.t(
                format!(
                    "{} is sold out in every {}. ",
                    self.join(&chosen),
                    opt.name.get(Lang::En).to_lowercase()
                ),
                format!(
                    "{}的所有{}都已售罄。",
                    self.join(&chosen),
                    opt.name.get(Lang::Zh)
                ),
            );
            sel = vec![None; p.options.len()];
            if p.total_stock() == 0 {
                self.focus_on(&p, None);
                let card = self.card(&p, None);
                return Out::new(
                    goal_intent(&goal),
                    self.t(
                        format!("Sorry, the {} is sold out.", self.title(&p)),
                        format!("抱歉，{}已全部售罄。", self.title(&p)),
                    ),
                )
                .cards(vec![card]);
            }
            if let Some(first) = sel.iter().position(Option::is_none) {
                if first != index {
                    let mut out = self.ask_option(p, sel, first, goal);
                    out.text = format!("{note}{}", out.text);
                    return out;
                }
            }
        }
        let available: Vec<String> = opt
            .values
            .iter()
            .filter(|v| in_stock(&sel, v))
            .cloned()
            .collect();
        let sold_out: Vec<String> = opt
            .values
            .iter()
            .filter(|v| !in_stock(&sel, v))
            .map(|v| opt.label(v, self.lang).to_string())
            .collect();
        let labels: Vec<String> = available
            .iter()
            .map(|v| opt.label(v, self.lang).to_string())
            .collect();
        let name_en = opt.name.get(Lang::En).to_lowercase();
        let name_zh = opt.name.get(Lang::Zh).to_string();
        let mut text = self.t(
            format!(
                "{note}Which {name_en} would you like for the {}? Available: {}.",
                self.title(&p),
                self.join(&labels)
            ),
            format!(
                "{note}请问{}要哪个{name_zh}？有货：{}。",
                self.title(&p),
                self.join(&labels)
            ),
        );
        if !sold_out.is_empty() {
            text.push_str(&self.t(
                format!(" Sold out: {}.", self.join(&sold_out)),
                format!("已售罄：{}。", self.join(&sold_out)),
            ));
        }
        self.focus_on(&p, None);
        let card = self.card(&p, None);
        self.session.context.pending = Some(Pending::Variant {
            product_id: p.id.clone(),
            selected: sel,
            goal: goal.clone(),
        });
        Out::new(goal_intent(&goal), text)
            .cards(vec![card])
            .suggest(labels)
    }

    /// Reads an answer to "which size/colour?".
    pub(crate) async fn fill_variant(
        &mut self,
        p: Product,
        selected: Vec<Option<String>>,
        goal: Goal,
        ents: &Entities,
        short: bool,
    ) -> Option<Out> {
        let mut sel = selected;
        sel.resize(p.options.len(), None);
        let asked = sel.iter().position(Option::is_none);
        let found = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
        let mut any = false;
        for (slot, f) in sel.iter_mut().zip(found) {
            if let Some(f) = f {
                *slot = Some(f);
                any = true;
            }
        }
        let mut number_used = false;
        if !any {
            if let Some(a) = asked {
                if let Some(opt) = p.options.get(a) {
                    // "42" answering "which size?" for shoes
                    let by_number = ents
                        .numbers
                        .iter()
                        .find_map(|n| opt.values.iter().find(|v| **v == n.to_string()));
                    if let Some(v) = by_number {
                        sel[a] = Some(v.clone());
                        any = true;
                        number_used = true;
                    } else if let Some(ord) = ents.ordinal {
                        let available: Vec<&String> = opt
                            .values
                            .iter()
                            .filter(|v| {
                                p.variants.iter().any(|var| {
                                    var.available() > 0 && var.options.get(a) == Some(*v)
                                })
                            })
                            .collect();
                        if let Some(v) = ord.index(available.len()).and_then(|i| available.get(i)) {
                            sel[a] = Some((*v).clone());
                            any = true;
                        }
                    }
                }
            }
        }
        if !any {
            if short && (!ents.sizes.is_empty() || !ents.colors.is_empty()) {
                return Some(self.not_offered_then_ask(p, sel, goal, ents));
            }
            return None;
        }
        // "42" that picked shoe size 42 is not also a quantity
        let numeric_pick = sel
            .iter()
            .flatten()
            .any(|v| ents.numbers.iter().any(|n| *v == n.to_string()));
        let goal = match goal {
            Goal::Add { quantity } => Goal::Add {
                quantity: if number_used || numeric_pick {
                    quantity
                } else {
                    ents.quantity.unwrap_or(quantity)
                },
            },
            other => other,
        };
        Some(self.complete_or_ask(p, sel, goal))
    }

    /// Reads an answer to "which one do you mean?".
    pub(crate) async fn choose_product(
        &mut self,
        candidates: Vec<String>,
        goal: Goal,
        sizes: Vec<String>,
        colors: Vec<String>,
        ents: &Entities,
        short: bool,
    ) -> Option<Out> {
        let products = self.products_by_id(&candidates).await;
        let mut chosen: Option<Product> = ents
            .ordinal
            .and_then(|o| o.index(products.len()))
            .and_then(|i| products.get(i).cloned());
        if chosen.is_none() {
            if let Some(n) = ents
                .numbers
                .first()
                .filter(|_| short && ents.quantity.is_some())
            {
                if let Ok(i) = usize::try_from(*n) {
                    if (1..=products.len()).contains(&i) && ents.sizes.is_empty() {
                        chosen = products.get(i - 1).cloned();
                    }
                }
            }
        }
        if chosen.is_none() && content_words(&ents.residual) > 0 {
            let hits = self
                .search_hits(&ents.residual, Filter::default(), 20)
                .await;
            let in_list: Vec<&ProductHit> = hits
                .iter()
                .filter(|h| h.score > 0.0 && candidates.contains(&h.product.id))
                .collect();
            if let Some(top) = in_list.first() {
                let second = in_list.get(1).map_or(0.0, |h| h.score);
                if in_list.len() == 1 || top.score > second * 1.2 || top.exact {
                    chosen = Some(top.product.clone());
                }
            }
        }
        if chosen.is_none() && !ents.colors.is_empty() {
            let fitting: Vec<&Product> = products
                .iter()
                .filter(|p| {
                    preselect(p, &[], &ents.colors, &ents.normalized)
                        .iter()
                        .any(Option::is_some)
                })
                .collect();
            if let [only] = fitting[..] {
                chosen = Some(only.clone());
            }
        }
        let Some(p) = chosen else {
            if short {
                let mut out = self.ask_which(products, goal, ents, Intent::ProductSearch);
                out.intent = goal_intent(&match &self.session.context.pending {
                    Some(Pending::Product { goal, .. }) => goal.clone(),
                    _ => Goal::Info,
                });
                return Some(out);
            }
            return None;
        };
        // hints from the original request plus this answer
        let mut merged = ents.clone();
        for s in sizes {
            if !merged.sizes.contains(&s) {
                merged.sizes.push(s);
            }
        }
        for c in colors {
            if !merged.colors.contains(&c) {
                merged.colors.push(c);
            }
        }
        let goal = match goal {
            Goal::Add { quantity } => Goal::Add {
                quantity: if ents.ordinal.is_some() {
                    ents.quantity.unwrap_or(quantity)
                } else {
                    quantity
                },
            },
            other => other,
        };
        self.focus_on(&p, None);
        Some(self.pursue(p, goal, &merged).await)
    }

    /// Puts `quantity` of variant `v` in the cart, within stock.
    pub(crate) fn add_variant(&mut self, p: &Product, v: &Variant, quantity: u32) -> Out {
        self.focus_on(p, Some(v));
        let available = v.available();
        let in_cart = self
            .session
            .cart
            .iter()
            .filter(|l| l.variant_id == v.id)
            .map(|l| l.quantity)
            .sum::<u32>();
        let name = self.with_detail(&self.title(p), &p.variant_label(v, self.lang));
        let card = self.card(p, Some(v));
        if available == 0 {
            let others = self.in_stock_labels(p);
            let mut text = self.t(
                format!("Sorry, the {name} is sold out."),
                format!("抱歉，{name}已售罄。"),
            );
            text.push_str(&self.available_note(&others));
            let sugg = others.clone();
            return Out::new(Intent::CartAdd, text)
                .cards(vec![card])
                .suggest(sugg);
        }
        if in_cart >= available {
            return Out::new(
                Intent::CartAdd,
                self.t(
                    format!("You already have all {available} of the {name} we have in stock in your cart."),
                    format!("{name}库存只有{available}件，已经全部在您的购物车里了。"),
                ),
            )
            .cards(vec![card]);
        }
        if in_cart.saturating_add(quantity) > available {
            let left = available - in_cart;
            let already = if in_cart > 0 {
                self.t(
                    format!(" (you already have {in_cart} in your cart)"),
                    format!("（购物车里已有{in_cart}件）"),
                )
            } else {
                String::new()
            };
            self.session.context.pending = Some(Pending::Confirm {
                action: super::Confirmable::AddAvailable {
                    product_id: p.id.clone(),
                    variant_id: v.id.clone(),
                    quantity: left,
                },
            });
            return Out::new(
                Intent::CartAdd,
                self.t(
                    format!("Sorry, we only have {available} of the {name} in stock{already}. Shall I add {left} instead?"),
                    format!("抱歉，{name}只剩{available}件{already}。要改为加{left}件吗？"),
                ),
            )
            .cards(vec![card])
            .suggest([self.t(format!("Yes, add {left}"), format!("好的，加{left}件")), self.t("No", "不用了")]);
        }
        if !self.session.cart.iter().any(|l| l.variant_id == v.id)
            && self.session.cart.len() >= super::MAX_CART_LINES
        {
            return Out::new(
                Intent::CartAdd,
                self.t(
                    "Your cart is full — please check out or remove something first.",
                    "购物车已满，请先结算或删除一些商品。",
                ),
            );
        }
        match self.session.cart.iter_mut().find(|l| l.variant_id == v.id) {
            Some(line) => {
                line.quantity = line
                    .quantity
                    .saturating_add(quantity)
                    .min(super::MAX_LINE_QUANTITY)
            }
            None => self.session.cart.push(super::CartLine {
                product_id: p.id.clone(),
                variant_id: v.id.clone(),
                quantity: quantity.min(super::MAX_LINE_QUANTITY),
            }),
        }
        self.session.context.last_line = Some(v.id.clone());
        let (count, total) = self.cart_totals_quick(p, v);
        let low = self.store.settings().low_stock_threshold;
        let remaining = available - in_cart - quantity;
        let mut text = self.t(
            format!(
                "Added {quantity} × {name} to your cart. Cart: {count} item{} — {}.",
                if count == 1 { "" } else { "s" },
                self.money(total)
            ),
            format!(
                "已将{quantity}件{name}加入购物车。购物车共{count}件，合计{}。",
                self.money(total)
            ),
        );
        if remaining <= low && remaining > 0 {
            text.push_str(&self.t(
                format!(" Only {remaining} more left in stock."),
                format!("库存仅剩{remaining}件。"),
            ));
        }
        Out::new(Intent::CartAdd, text).cards(vec![card]).suggest([
            self.t("View cart", "查看购物车"),
            self.t("Checkout", "去结算"),
            self.t("Show me bestsellers", "看看热销商品"),
        ])
    }

    /// Cart count and total without a store round trip: known lines use the
    /// cached view, the line just touched uses `v`.
    fn cart_totals_quick(&self, p: &Product, v: &Variant) -> (u32, i64) {
        let mut count = 0u32;
        let mut total = 0i64;
        for line in &self.session.cart {
            count = count.saturating_add(line.quantity);
            let unit = if line.variant_id == v.id {
                Some(v.price)
            } else if line.product_id == p.id {
                p.variant(&line.variant_id).map(|x| x.price)
            } else {
                self.cart_view
                    .items
                    .iter()
                    .find(|i| i.variant_id == line.variant_id)
                    .map(|i| i.unit_price)
            };
            total =
                total.saturating_add(unit.unwrap_or(0).saturating_mul(i64::from(line.quantity)));
        }
        (count, total)
    }
}

/// The intent a product goal answers.
pub(crate) fn goal_intent(goal: &Goal) -> Intent {
    match goal {
        Goal::Add { .. } => Intent::CartAdd,
        Goal::Stock => Intent::StockCheck,
        Goal::Info => Intent::ProductInfo,
        Goal::Change { .. } => Intent::CartUpdate,
    }
}
