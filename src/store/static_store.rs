//! [`StaticStore`]: the shop held in memory, loaded from the three JSON files.

use super::date::Date;
use super::model::*;
use super::products::Products;
use super::rules::{check_cancel, check_return};
use super::validate::{check_catalog, check_orders, check_policies, parse, utf8};
use super::{DataFile, NewReturn, ProductHit, ProductQuery, Store, StoreError};
use crate::entities::ProductIndex;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The default store: catalog, orders and policies parsed from JSON, validated as
/// a whole (a store is never half-loaded) and indexed for search. Answers
/// immediately; cancelling an order or creating a return changes the in-memory
/// data, so later calls see the change (nothing is written back).
#[derive(Debug, Clone)]
pub struct StaticStore {
    settings: ShopSettings,
    categories: Vec<Category>,
    /// Shared with the widget's panel ([`StaticStore::shared_products`]); a
    /// change (restocking) copies it first if it is shared.
    products: Arc<Products>,
    index: ProductIndex,
    orders: Vec<Order>,
    order_index: FxHashMap<String, usize>,
    returns: Vec<Return>,
    policies: Policies,
    demo_today: Option<Date>,
}

impl StaticStore {
    /// Parses and validates the three files' contents (no file I/O). Any problem
    /// is a [`StoreError::Invalid`] naming the file, the JSON path and the issue.
    pub fn from_json(catalog: &str, orders: &str, policies: &str) -> Result<Self, StoreError> {
        let catalog: CatalogFile = parse(DataFile::Catalog, catalog)?;
        let orders: OrdersFile = parse(DataFile::Orders, orders)?;
        let policies: Policies = parse(DataFile::Policies, policies)?;
        Self::from_parts(catalog, orders, policies)
    }

    /// Like [`StaticStore::from_json`] for raw file bytes; invalid UTF-8 is an
    /// [`StoreError::Invalid`] error too.
    pub fn from_json_bytes(
        catalog: &[u8],
        orders: &[u8],
        policies: &[u8],
    ) -> Result<Self, StoreError> {
        Self::from_json(
            utf8(DataFile::Catalog, catalog)?,
            utf8(DataFile::Orders, orders)?,
            utf8(DataFile::Policies, policies)?,
        )
    }

    /// Validates already-parsed data and builds the store.
    pub fn from_parts(
        catalog: CatalogFile,
        orders: OrdersFile,
        policies: Policies,
    ) -> Result<Self, StoreError> {
        let ids = check_catalog(&catalog)?;
        let products = &catalog.products;
        check_orders(&orders, |variant_id| {
            let (i, _) = ids.variant(products, variant_id)?;
            products.get(i).map(|p| p.id.as_str())
        })?;
        check_policies(&policies)?;
        let CatalogFile {
            shop,
            categories,
            products,
            ..
        } = catalog;
        let index = ProductIndex::build(&products, &categories);
        let order_index = orders
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        Ok(StaticStore {
            settings: shop,
            categories,
            products: Arc::new(Products::with_ids(products, ids)),
            index,
            orders: orders.orders,
            order_index,
            returns: orders.returns,
            policies,
            demo_today: orders.demo_today,
        })
    }

    /// The `demo_today` of `orders.json`, if the data set fixes one (demo and
    /// fixture data). Hosts use it as "today" when no date is given explicitly.
    pub fn demo_today(&self) -> Option<Date> {
        self.demo_today
    }

    /// Every product, in catalog order.
    pub fn products(&self) -> &[Product] {
        self.products.as_slice()
    }

    /// The products with their id lookups, shared rather than copied (the
    /// widget's panel holds them next to the store). Later changes to the
    /// store's stock are not seen through a handle taken before them.
    pub fn shared_products(&self) -> Arc<Products> {
        Arc::clone(&self.products)
    }

    /// The product and variant for a variant id.
    pub fn variant(&self, variant_id: &str) -> Option<(&Product, &Variant)> {
        self.products.variant(variant_id)
    }

    /// Synchronous search (what [`Store::search`] does).
    pub fn search_now(&self, query: &ProductQuery) -> Vec<ProductHit> {
        let limit = if query.limit == 0 { 10 } else { query.limit };
        self.index
            .search(&query.text, &query.filter, limit)
            .into_iter()
            .filter_map(|h| {
                self.products.get(h.index).map(|p| ProductHit {
                    product: p.clone(),
                    score: h.score,
                    coverage: h.coverage,
                    exact: h.exact,
                })
            })
            .collect()
    }

    fn verified(&self, order_id: &str, email: &str) -> Option<usize> {
        let id = order_id.trim().trim_start_matches('#');
        let &i = self.order_index.get(id)?;
        let order = self.orders.get(i)?;
        order
            .email
            .trim()
            .eq_ignore_ascii_case(email.trim())
            .then_some(i)
    }

    fn next_return_id(&self) -> String {
        let max = self
            .returns
            .iter()
            .filter_map(|r| {
                let digits: String = r.id.chars().filter(char::is_ascii_digit).collect();
                digits.parse::<u64>().ok()
            })
            .max()
            .unwrap_or(2000);
        format!("R-{}", max.saturating_add(1))
    }
}

impl Store for StaticStore {
    fn settings(&self) -> &ShopSettings {
        &self.settings
    }

    async fn policies(&self) -> Result<Policies, StoreError> {
        Ok(self.policies.clone())
    }

    async fn categories(&self) -> Result<Vec<Category>, StoreError> {
        Ok(self.categories.clone())
    }

    async fn search(&self, query: &ProductQuery) -> Result<Vec<ProductHit>, StoreError> {
        Ok(self.search_now(query))
    }

    async fn product(&self, id: &str) -> Result<Option<Product>, StoreError> {
        Ok(self.products.by_id(id).cloned())
    }

    async fn find_order(&self, order_id: &str, email: &str) -> Result<Option<Order>, StoreError> {
        Ok(self
            .verified(order_id, email)
            .and_then(|i| self.orders.get(i))
            .cloned())
    }

    async fn returns_for_order(
        &self,
        order_id: &str,
        email: &str,
    ) -> Result<Vec<Return>, StoreError> {
        let Some(i) = self.verified(order_id, email) else {
            return Ok(Vec::new());
        };
        let id = self
            .orders
            .get(i)
            .map(|o| o.id.as_str())
            .unwrap_or_default();
        Ok(self
            .returns
            .iter()
            .filter(|r| r.order_id == id)
            .cloned()
            .collect())
    }

    async fn cancel_order(
        &mut self,
        order_id: &str,
        email: &str,
        today: Date,
    ) -> Result<Order, StoreError> {
        let i = self
            .verified(order_id, email)
            .ok_or_else(|| StoreError::NotFound(format!("order {order_id}")))?;
        let order = self
            .orders
            .get(i)
            .ok_or_else(|| StoreError::NotFound(format!("order {order_id}")))?;
        check_cancel(order)?;
        let lines = order.lines.clone();
        // the items go back on the shelf
        if !lines.is_empty() {
            let products = Arc::make_mut(&mut self.products);
            for line in &lines {
                if let Some(v) = products.variant_mut(&line.variant_id) {
                    v.stock = v.stock.saturating_add(i64::from(line.quantity));
                }
            }
        }
        let order = self
            .orders
            .get_mut(i)
            .ok_or_else(|| StoreError::NotFound(format!("order {order_id}")))?;
        order.status = OrderStatus::Cancelled;
        order.cancelled = Some(today.max(order.placed));
        order.estimated_delivery = None;
        Ok(order.clone())
    }

    async fn create_return(
        &mut self,
        request: NewReturn,
        today: Date,
    ) -> Result<Return, StoreError> {
        let i = self
            .verified(&request.order_id, &request.email)
            .ok_or_else(|| StoreError::NotFound(format!("order {}", request.order_id)))?;
        let order = self
            .orders
            .get(i)
            .ok_or_else(|| StoreError::NotFound(format!("order {}", request.order_id)))?;
        if request.lines.is_empty() {
            return Err(super::ReturnRefusal::Empty.into());
        }
        let mut refund: i64 = 0;
        for line in &request.lines {
            let product = self.variant(&line.variant_id).map(|(p, _)| p);
            check_return(
                order,
                &line.variant_id,
                line.quantity,
                product,
                &self.policies.returns,
                &self.returns,
                today,
            )?;
            let unit = order
                .lines
                .iter()
                .find(|l| l.variant_id == line.variant_id)
                .map_or(0, |l| l.unit_price);
            refund = refund.saturating_add(unit.saturating_mul(i64::from(line.quantity)));
        }
        let ret = Return {
            id: self.next_return_id(),
            order_id: order.id.clone(),
            lines: request.lines,
            status: ReturnStatus::Requested,
            requested: today,
            updated: None,
            refund_amount: Some(refund),
            refunded: None,
            reason: request.reason,
            note: None,
        };
        self.returns.push(ret.clone());
        Ok(ret)
    }
}

#[cfg(test)]
mod tests;
