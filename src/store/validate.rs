//! Parsing and checking the three data files. Structural errors come from serde
//! with the JSON path of the bad value; semantic checks (duplicates, references,
//! ranges, status/date consistency) name the path themselves. The first problem
//! found is reported.

use super::date::Date;
use super::model::*;
use super::money::is_currency_code;
use super::products::CatalogIds;
use super::{DataFile, StoreError};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::DeserializeOwned;

/// Parses `json` as `T`; errors carry the file, JSON path and serde's message.
///
/// Valid files (the normal case) are parsed by plain `serde_json`: tracking the
/// path of every value costs more than the parse itself (a key string per field).
/// Only a file that fails is parsed again with `serde_path_to_error`, which
/// reports the same serde error with the path of the offending value.
pub(crate) fn parse<T: DeserializeOwned>(file: DataFile, json: &str) -> Result<T, StoreError> {
    match serde_json::from_str(json) {
        Ok(value) => Ok(value),
        Err(plain) => Err(parse_with_path::<T>(file, json)
            .err()
            // unreachable in practice: both parses run the same deserializer
            .unwrap_or_else(|| StoreError::Invalid {
                file,
                path: String::new(),
                message: plain.to_string(),
            })),
    }
}

/// The slow parse that names the JSON path of the first bad value.
fn parse_with_path<T: DeserializeOwned>(file: DataFile, json: &str) -> Result<T, StoreError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        StoreError::Invalid {
            file,
            // "." is the document itself, "?" a position serde could not name
            path: if path == "." || path == "?" {
                String::new()
            } else {
                path
            },
            message: e.into_inner().to_string(),
        }
    })?;
    de.end().map_err(|e| StoreError::Invalid {
        file,
        path: String::new(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// Checks that `bytes` are UTF-8.
pub(crate) fn utf8(file: DataFile, bytes: &[u8]) -> Result<&str, StoreError> {
    std::str::from_utf8(bytes).map_err(|e| StoreError::Invalid {
        file,
        path: String::new(),
        message: format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.valid_up_to()
        ),
    })
}

/// A JSON path for an error message, formatted only when a check fails (a
/// valid catalog of 10,000 products would otherwise format a path per value).
trait JsonPath {
    fn into_path(self) -> String;
}

impl JsonPath for &str {
    fn into_path(self) -> String {
        self.to_string()
    }
}

impl JsonPath for String {
    fn into_path(self) -> String {
        self
    }
}

impl<F: FnOnce() -> String> JsonPath for F {
    fn into_path(self) -> String {
        self()
    }
}

struct Checker {
    file: DataFile,
}

impl Checker {
    fn fail<T>(&self, path: impl JsonPath, message: impl Into<String>) -> Result<T, StoreError> {
        Err(StoreError::Invalid {
            file: self.file,
            path: path.into_path(),
            message: message.into(),
        })
    }

    fn non_empty(&self, path: impl JsonPath, value: &str) -> Result<(), StoreError> {
        if blank(value) {
            return self.fail(path, "must not be empty");
        }
        Ok(())
    }

    fn localized(&self, path: impl JsonPath, value: &Localized) -> Result<(), StoreError> {
        if value.is_empty() {
            return self.fail(path, "needs an \"en\" or \"zh\" text");
        }
        Ok(())
    }

    fn amount(&self, path: impl JsonPath, value: i64) -> Result<(), StoreError> {
        if value < 0 {
            return self.fail(path, format!("must not be negative (got {value})"));
        }
        Ok(())
    }

    fn unique<'a>(
        &self,
        seen: &mut FxHashSet<&'a str>,
        path: impl JsonPath,
        id: &'a str,
    ) -> Result<(), StoreError> {
        if blank(id) {
            return self.fail(path, "must not be empty");
        }
        if !seen.insert(id) {
            return self.fail(path, format!("duplicate id {id:?}"));
        }
        Ok(())
    }
}

/// Empty or only whitespace (decided by the first byte for the usual id or
/// name that starts with a visible ASCII character).
fn blank(value: &str) -> bool {
    match value.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => value.trim().is_empty(),
    }
}

/// Plausible email: `local@domain.tld`, no spaces.
pub(crate) fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
}

/// Checks the catalog; on success returns its id tables (built while checking
/// that ids are unique).
pub(crate) fn check_catalog(c: &CatalogFile) -> Result<CatalogIds, StoreError> {
    let ck = Checker {
        file: DataFile::Catalog,
    };
    ck.localized("shop.name", &c.shop.name)?;
    if !is_currency_code(&c.shop.currency) {
        return ck.fail(
            "shop.currency",
            format!(
                "{:?} is not a three-letter ISO 4217 code like \"USD\"",
                c.shop.currency
            ),
        );
    }
    if c.shop.locales.is_empty() {
        return ck.fail("shop.locales", "must list at least one of \"en\", \"zh\"");
    }
    if let Some(email) = &c.shop.support.email {
        if !looks_like_email(email) {
            return ck.fail(
                "shop.support.email",
                format!("{email:?} is not an email address"),
            );
        }
    }
    let mut cat_ids = FxHashSet::default();
    for (i, cat) in c.categories.iter().enumerate() {
        ck.unique(&mut cat_ids, format!("categories[{i}].id"), &cat.id)?;
        ck.localized(format!("categories[{i}].name"), &cat.name)?;
    }
    if c.products.is_empty() {
        return ck.fail("products", "the catalog has no products");
    }
    let products = &c.products;
    let n_variants = products
        .iter()
        .fold(0usize, |n, p| n.saturating_add(p.variants.len()));
    let mut st = ProductChecks {
        ids: CatalogIds::with_capacity(products.len(), n_variants),
        handles: FxHashSet::with_capacity_and_hasher(products.len(), Default::default()),
        seen: FxHashSet::default(),
        combos: FxHashSet::default(),
    };
    for (i, p) in products.iter().enumerate() {
        check_product(&ck, products, i, p, &cat_ids, &mut st)?;
    }
    Ok(st.ids)
}

/// Up to this many option values or variants are checked for repeats by
/// comparing with the earlier ones (cheaper than hashing them all).
const SMALL: usize = 16;

/// What the product checks carry from one product to the next.
struct ProductChecks<'c> {
    /// Product and variant ids so far (and the tables the store keeps).
    ids: CatalogIds,
    handles: FxHashSet<&'c str>,
    /// Reused for every option and product.
    seen: FxHashSet<&'c str>,
    combos: FxHashSet<&'c [String]>,
}

/// Checks product `i`. A function of its own, not the body of the catalog
/// loop: wasm engines optimise a function once it has been called often
/// enough, never a loop that is already running.
#[inline(never)]
fn check_product<'c>(
    ck: &Checker,
    products: &'c [Product],
    i: usize,
    p: &'c Product,
    cat_ids: &FxHashSet<&str>,
    st: &mut ProductChecks<'c>,
) -> Result<(), StoreError> {
    let ProductChecks {
        ids,
        handles,
        seen,
        combos,
    } = st;
    let at = || format!("products[{i}]");
    ck.non_empty(|| format!("{}.id", at()), &p.id)?;
    if !ids.add_product(products, i) {
        return ck.fail(
            || format!("{}.id", at()),
            format!("duplicate id {:?}", p.id),
        );
    }
    ck.unique(handles, || format!("{}.handle", at()), &p.handle)?;
    ck.localized(|| format!("{}.title", at()), &p.title)?;
    if !cat_ids.contains(p.category.as_str()) {
        return ck.fail(
            || format!("{}.category", at()),
            format!("unknown category {:?}", p.category),
        );
    }
    if p.options.len() > 3 {
        return ck.fail(
            || format!("{}.options", at()),
            "a product has at most 3 options",
        );
    }
    for (j, o) in p.options.iter().enumerate() {
        let oat = || format!("{}.options[{j}]", at());
        ck.localized(|| format!("{}.name", oat()), &o.name)?;
        if o.values.is_empty() {
            return ck.fail(
                || format!("{}.values", oat()),
                "an option needs at least one value",
            );
        }
        // a few values: compared with the earlier ones; many: a set
        let few = o.values.len() <= SMALL;
        seen.clear();
        for (k, v) in o.values.iter().enumerate() {
            ck.non_empty(|| format!("{}.values[{k}]", oat()), v)?;
            let repeated = if few {
                o.values.get(..k).unwrap_or_default().contains(v)
            } else {
                !seen.insert(v.as_str())
            };
            if repeated {
                return ck.fail(
                    || format!("{}.values[{k}]", oat()),
                    format!("duplicate value {v:?}"),
                );
            }
        }
        for key in o.labels.keys() {
            let known = if few {
                o.values.contains(key)
            } else {
                seen.contains(key.as_str())
            };
            if !known {
                return ck.fail(
                    || format!("{}.labels.{key}", oat()),
                    format!("label for {key:?}, which is not one of the option's values"),
                );
            }
        }
    }
    if p.variants.is_empty() {
        return ck.fail(
            || format!("{}.variants", at()),
            "a product needs at least one variant",
        );
    }
    let few = p.variants.len() <= SMALL;
    combos.clear();
    for (j, v) in p.variants.iter().enumerate() {
        let vat = || format!("{}.variants[{j}]", at());
        ck.non_empty(|| format!("{}.id", vat()), &v.id)?;
        if !ids.add_variant(products, i, j) {
            return ck.fail(
                || format!("{}.id", vat()),
                format!("duplicate variant id {:?}", v.id),
            );
        }
        if v.options.len() != p.options.len() {
            return ck.fail(
                || format!("{}.options", vat()),
                format!(
                    "has {} values but the product has {} options",
                    v.options.len(),
                    p.options.len()
                ),
            );
        }
        for (k, (value, opt)) in v.options.iter().zip(&p.options).enumerate() {
            if !opt.values.contains(value) {
                return ck.fail(
                    || format!("{}.options[{k}]", vat()),
                    format!(
                        "{value:?} is not a value of option {:?} ({})",
                        opt.name.get(crate::text::Lang::En),
                        opt.values.join(", ")
                    ),
                );
            }
        }
        let repeated = if few {
            p.variants
                .get(..j)
                .unwrap_or_default()
                .iter()
                .any(|w| w.options == v.options)
        } else {
            !combos.insert(v.options.as_slice())
        };
        if repeated {
            return ck.fail(
                || format!("{}.options", vat()),
                format!("another variant has the same values {:?}", v.options),
            );
        }
        ck.amount(|| format!("{}.price", vat()), v.price)?;
        if let Some(cmp) = v.compare_at_price {
            ck.amount(|| format!("{}.compare_at_price", vat()), cmp)?;
            if cmp < v.price {
                return ck.fail(
                    || format!("{}.compare_at_price", vat()),
                    "must not be below the price",
                );
            }
        }
        if v.stock < 0 {
            return ck.fail(
                || format!("{}.stock", vat()),
                format!("must not be negative (got {})", v.stock),
            );
        }
    }
    Ok(())
}

/// Checks orders and returns; `product_of` maps a variant id to its product id.
pub(crate) fn check_orders<'c>(
    o: &OrdersFile,
    product_of: impl Fn(&str) -> Option<&'c str>,
) -> Result<(), StoreError> {
    let ck = Checker {
        file: DataFile::Orders,
    };
    let mut ids = FxHashSet::default();
    let mut by_id: FxHashMap<&str, &Order> = FxHashMap::default();
    for (i, order) in o.orders.iter().enumerate() {
        let at = format!("orders[{i}]");
        ck.unique(&mut ids, format!("{at}.id"), &order.id)?;
        if !(3..=12).contains(&order.id.len()) || !order.id.bytes().all(|b| b.is_ascii_digit()) {
            return ck.fail(
                format!("{at}.id"),
                format!("{:?}: order numbers are 3 to 12 digits", order.id),
            );
        }
        if !looks_like_email(&order.email) {
            return ck.fail(
                format!("{at}.email"),
                format!("{:?} is not an email address", order.email),
            );
        }
        let need = |field: &str, d: Option<Date>| -> Result<Date, StoreError> {
            d.map_or_else(
                || {
                    ck.fail(
                        format!("{at}.{field}"),
                        format!("required when status is {:?}", order.status.as_str()),
                    )
                },
                Ok,
            )
        };
        let forbid = |field: &str, d: Option<Date>| -> Result<(), StoreError> {
            match d {
                Some(_) => ck.fail(
                    format!("{at}.{field}"),
                    format!("must be absent when status is {:?}", order.status.as_str()),
                ),
                None => Ok(()),
            }
        };
        match order.status {
            OrderStatus::Processing => {
                forbid("shipped", order.shipped)?;
                forbid("delivered", order.delivered)?;
                forbid("cancelled", order.cancelled)?;
            }
            OrderStatus::Shipped => {
                need("shipped", order.shipped)?;
                forbid("delivered", order.delivered)?;
                forbid("cancelled", order.cancelled)?;
            }
            OrderStatus::Delivered => {
                need("shipped", order.shipped)?;
                need("delivered", order.delivered)?;
                forbid("cancelled", order.cancelled)?;
            }
            OrderStatus::Cancelled => {
                need("cancelled", order.cancelled)?;
                forbid("delivered", order.delivered)?;
            }
        }
        for (field, d) in [
            ("shipped", order.shipped),
            ("delivered", order.delivered),
            ("cancelled", order.cancelled),
        ] {
            if let Some(d) = d {
                if d < order.placed {
                    return ck.fail(
                        format!("{at}.{field}"),
                        format!("{d} is before the order was placed ({})", order.placed),
                    );
                }
            }
        }
        if let (Some(s), Some(d)) = (order.shipped, order.delivered) {
            if d < s {
                return ck.fail(
                    format!("{at}.delivered"),
                    format!("{d} is before the shipping date {s}"),
                );
            }
        }
        ck.amount(format!("{at}.shipping_cost"), order.shipping_cost)?;
        if order.lines.is_empty() {
            return ck.fail(format!("{at}.lines"), "an order needs at least one line");
        }
        for (j, line) in order.lines.iter().enumerate() {
            let lat = format!("{at}.lines[{j}]");
            match product_of(line.variant_id.as_str()) {
                None => {
                    return ck.fail(
                        format!("{lat}.variant_id"),
                        format!("unknown variant {:?}", line.variant_id),
                    )
                }
                Some(pid) if pid != line.product_id => {
                    return ck.fail(
                        format!("{lat}.product_id"),
                        format!(
                            "variant {:?} belongs to product {pid:?}, not {:?}",
                            line.variant_id, line.product_id
                        ),
                    )
                }
                Some(_) => {}
            }
            if line.quantity == 0 {
                return ck.fail(format!("{lat}.quantity"), "must be at least 1");
            }
            ck.amount(format!("{lat}.unit_price"), line.unit_price)?;
        }
        by_id.insert(order.id.as_str(), order);
    }
    let mut return_ids = FxHashSet::default();
    for (i, r) in o.returns.iter().enumerate() {
        let at = format!("returns[{i}]");
        ck.unique(&mut return_ids, format!("{at}.id"), &r.id)?;
        let Some(order) = by_id.get(r.order_id.as_str()) else {
            return ck.fail(
                format!("{at}.order_id"),
                format!("unknown order {:?}", r.order_id),
            );
        };
        if order.status != OrderStatus::Delivered {
            return ck.fail(
                format!("{at}.order_id"),
                format!(
                    "order {:?} is {}, only delivered orders have returns",
                    r.order_id,
                    order.status.as_str()
                ),
            );
        }
        if r.lines.is_empty() {
            return ck.fail(format!("{at}.lines"), "a return needs at least one line");
        }
        for (j, line) in r.lines.iter().enumerate() {
            let lat = format!("{at}.lines[{j}]");
            if line.quantity == 0 {
                return ck.fail(format!("{lat}.quantity"), "must be at least 1");
            }
            if !order.lines.iter().any(|l| l.variant_id == line.variant_id) {
                return ck.fail(
                    format!("{lat}.variant_id"),
                    format!(
                        "variant {:?} is not in order {:?}",
                        line.variant_id, r.order_id
                    ),
                );
            }
        }
        if let Some(d) = order.delivered {
            if r.requested < d {
                return ck.fail(
                    format!("{at}.requested"),
                    format!("{} is before the order was delivered ({d})", r.requested),
                );
            }
        }
        if let Some(u) = r.updated {
            if u < r.requested {
                return ck.fail(
                    format!("{at}.updated"),
                    "is before the return was requested",
                );
            }
        }
        if let Some(a) = r.refund_amount {
            ck.amount(format!("{at}.refund_amount"), a)?;
        }
        if r.status == ReturnStatus::Refunded {
            if r.refund_amount.is_none() {
                return ck.fail(
                    format!("{at}.refund_amount"),
                    "required when status is \"refunded\"",
                );
            }
            if r.refunded.is_none() {
                return ck.fail(
                    format!("{at}.refunded"),
                    "required when status is \"refunded\"",
                );
            }
        }
    }
    // no variant returned more often than it was ordered
    for order in &o.orders {
        for line in &order.lines {
            let returned: u64 = o
                .returns
                .iter()
                .filter(|r| r.order_id == order.id && r.status != ReturnStatus::Rejected)
                .flat_map(|r| &r.lines)
                .filter(|l| l.variant_id == line.variant_id)
                .map(|l| u64::from(l.quantity))
                .sum();
            let ordered: u64 = order
                .lines
                .iter()
                .filter(|l| l.variant_id == line.variant_id)
                .map(|l| u64::from(l.quantity))
                .sum();
            if returned > ordered {
                let i = o
                    .returns
                    .iter()
                    .position(|r| r.order_id == order.id)
                    .unwrap_or(0);
                return ck.fail(
                    format!("returns[{i}].lines"),
                    format!(
                        "returns {returned} of variant {:?} but order {:?} has {ordered}",
                        line.variant_id, order.id
                    ),
                );
            }
        }
    }
    Ok(())
}

pub(crate) fn check_policies(p: &Policies) -> Result<(), StoreError> {
    let ck = Checker {
        file: DataFile::Policies,
    };
    if p.returns.window_days > 3650 {
        return ck.fail("returns.window_days", "must be at most 3650");
    }
    for (i, c) in p.returns.conditions.iter().enumerate() {
        ck.localized(format!("returns.conditions[{i}]"), c)?;
    }
    ck.localized("returns.refund", &p.returns.refund)?;
    if let Some(t) = p.shipping.free_shipping_threshold {
        ck.amount("shipping.free_shipping_threshold", t)?;
    }
    if p.shipping.regions.is_empty() {
        return ck.fail("shipping.regions", "list at least one region");
    }
    let mut codes = FxHashSet::default();
    for (i, r) in p.shipping.regions.iter().enumerate() {
        ck.unique(&mut codes, format!("shipping.regions[{i}].code"), &r.code)?;
        ck.localized(format!("shipping.regions[{i}].name"), &r.name)?;
    }
    if p.shipping.options.is_empty() {
        return ck.fail("shipping.options", "list at least one shipping option");
    }
    let mut ids = FxHashSet::default();
    for (i, o) in p.shipping.options.iter().enumerate() {
        let at = format!("shipping.options[{i}]");
        ck.unique(&mut ids, format!("{at}.id"), &o.id)?;
        ck.localized(format!("{at}.name"), &o.name)?;
        ck.amount(format!("{at}.cost"), o.cost)?;
        if o.min_days > o.max_days {
            return ck.fail(format!("{at}.min_days"), "must not exceed max_days");
        }
        if o.regions.is_empty() {
            return ck.fail(format!("{at}.regions"), "list at least one region code");
        }
        for (j, code) in o.regions.iter().enumerate() {
            if !codes.contains(code.as_str()) {
                return ck.fail(
                    format!("{at}.regions[{j}]"),
                    format!("unknown region {code:?}"),
                );
            }
        }
    }
    let mut ids = FxHashSet::default();
    for (i, m) in p.payment.methods.iter().enumerate() {
        ck.unique(&mut ids, format!("payment.methods[{i}].id"), &m.id)?;
        ck.localized(format!("payment.methods[{i}].name"), &m.name)?;
    }
    if !p.payment.methods.iter().any(|m| m.accepted) {
        return ck.fail("payment.methods", "at least one method must be accepted");
    }
    let mut codes = FxHashSet::default();
    for (i, promo) in p.promotions.iter().enumerate() {
        let at = format!("promotions[{i}]");
        if let Some(code) = &promo.code {
            ck.unique(&mut codes, format!("{at}.code"), code)?;
        }
        ck.localized(format!("{at}.description"), &promo.description)?;
        if promo.ends < promo.starts {
            return ck.fail(
                format!("{at}.ends"),
                format!("{} is before the start {}", promo.ends, promo.starts),
            );
        }
        if let Some(m) = promo.min_subtotal {
            ck.amount(format!("{at}.min_subtotal"), m)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path only decides *whether* a file parses; a failing file is
    /// reported exactly as the path-tracking parse reports it.
    #[test]
    fn failed_parse_reports_the_tracked_error() {
        let catalog = include_str!("../../www/catalog.json");
        let bad_price = catalog.replacen("\"price\": ", "\"price\": \"x\", \"p\": ", 1);
        assert_ne!(bad_price, catalog);
        let cases = [
            "",
            "{",
            "[]",
            "{\"shop\": 1}",
            "{\"orders\": [], \"returns\": []} trailing",
            bad_price.as_str(),
        ];
        for text in cases {
            let fast = parse::<CatalogFile>(DataFile::Catalog, text).map(|_| ());
            let slow = parse_with_path::<CatalogFile>(DataFile::Catalog, text).map(|_| ());
            assert!(fast.is_err(), "{text:.40}");
            assert_eq!(fast, slow, "{text:.40}");
        }
        let orders = "{\"orders\": [], \"returns\": []} trailing";
        let err = parse::<OrdersFile>(DataFile::Orders, orders).map(|_| ());
        assert_eq!(
            err,
            parse_with_path::<OrdersFile>(DataFile::Orders, orders).map(|_| ())
        );
        assert!(
            matches!(&err, Err(StoreError::Invalid { path, message, .. })
                if path.is_empty() && message.contains("trailing characters")),
            "{err:?}"
        );
        let ok: CatalogFile = parse(DataFile::Catalog, catalog).expect("the demo catalog parses");
        assert!(!ok.products.is_empty());
    }

    /// Repeated option values and variant combinations are found the same way
    /// for few (compared) and many (hashed) values.
    #[test]
    fn repeats_in_long_and_short_lists() {
        let demo: CatalogFile =
            serde_json::from_str(include_str!("../../www/catalog.json")).expect("demo");
        let path_of = |c: &CatalogFile| match check_catalog(c) {
            Err(StoreError::Invalid { path, message, .. }) => (path, message),
            other => panic!("expected an error, got {:?}", other.map(|_| ())),
        };
        for n in [5, 40] {
            let mut c = demo.clone();
            let p = &mut c.products[0];
            let values: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
            p.options = vec![ProductOption {
                name: Localized::new("Size", "尺码"),
                kind: OptionKind::Other,
                values: values.clone(),
                labels: Default::default(),
            }];
            let template = p.variants[0].clone();
            p.variants = values
                .iter()
                .map(|v| Variant {
                    id: format!("x-{v}"),
                    options: vec![v.clone()],
                    ..template.clone()
                })
                .collect();
            assert!(check_catalog(&c).is_ok(), "{n} distinct values");

            let mut dup = c.clone();
            dup.products[0].options[0].values[n - 1] = "v1".into();
            let (path, message) = path_of(&dup);
            assert_eq!(path, format!("products[0].options[0].values[{}]", n - 1));
            assert!(message.contains("duplicate value"), "{message}");

            let mut dup = c.clone();
            dup.products[0].variants[n - 1].options = vec!["v2".into()];
            let (path, message) = path_of(&dup);
            assert_eq!(path, format!("products[0].variants[{}].options", n - 1));
            assert!(message.contains("same values"), "{message}");

            let mut stray = c.clone();
            stray.products[0].options[0]
                .labels
                .insert("nope".into(), Localized::new("x", "x"));
            let (path, _) = path_of(&stray);
            assert_eq!(path, "products[0].options[0].labels.nope");
        }
    }
}
