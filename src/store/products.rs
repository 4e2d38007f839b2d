//! [`Products`]: the catalog's products with their lookups by product id and by
//! variant id. The tables hold positions, not copies of the ids, and the whole
//! list is shared (behind an `Arc`) by the store and whoever shows products.

use super::model::{Product, Variant};
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;
use std::ops::Deref;

fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

fn product_id(products: &[Product], i: u32) -> &str {
    products.get(i as usize).map_or("", |p| p.id.as_str())
}

fn variant_id(products: &[Product], (i, j): (u32, u32)) -> &str {
    products
        .get(i as usize)
        .and_then(|p| p.variants.get(j as usize))
        .map_or("", |v| v.id.as_str())
}

/// Positions of products and variants by id, for a product slice kept elsewhere.
#[derive(Debug, Clone, Default)]
pub(crate) struct CatalogIds {
    products: HashTable<u32>,
    variants: HashTable<(u32, u32)>,
}

impl CatalogIds {
    pub(crate) fn with_capacity(products: usize, variants: usize) -> Self {
        CatalogIds {
            products: HashTable::with_capacity(products),
            variants: HashTable::with_capacity(variants),
        }
    }

    /// Adds product `i` of `products`; false (and nothing added) when an
    /// already added product has the same id.
    pub(crate) fn add_product(&mut self, products: &[Product], i: usize) -> bool {
        let (Ok(i), Some(p)) = (u32::try_from(i), products.get(i)) else {
            return false;
        };
        let h = hash(&p.id);
        if self
            .products
            .find(h, |&k| product_id(products, k) == p.id)
            .is_some()
        {
            return false;
        }
        self.products
            .insert_unique(h, i, |&k| hash(product_id(products, k)));
        true
    }

    /// Adds variant `j` of product `i`; false (and nothing added) when an
    /// already added variant has the same id.
    pub(crate) fn add_variant(&mut self, products: &[Product], i: usize, j: usize) -> bool {
        let Some(v) = products.get(i).and_then(|p| p.variants.get(j)) else {
            return false;
        };
        let (Ok(i), Ok(j)) = (u32::try_from(i), u32::try_from(j)) else {
            return false;
        };
        let id = v.id.as_str();
        let h = hash(id);
        if self
            .variants
            .find(h, |&k| variant_id(products, k) == id)
            .is_some()
        {
            return false;
        }
        self.variants
            .insert_unique(h, (i, j), |&k| hash(variant_id(products, k)));
        true
    }

    /// The position of the product with `id`.
    pub(crate) fn product(&self, products: &[Product], id: &str) -> Option<usize> {
        self.products
            .find(hash(id), |&k| product_id(products, k) == id)
            .map(|&i| i as usize)
    }

    /// The positions of the product and variant with variant id `id`.
    pub(crate) fn variant(&self, products: &[Product], id: &str) -> Option<(usize, usize)> {
        self.variants
            .find(hash(id), |&k| variant_id(products, k) == id)
            .map(|&(i, j)| (i as usize, j as usize))
    }
}

/// The catalog's products in catalog order (it derefs to `[Product]`), with
/// lookups by product id and variant id.
#[derive(Debug, Clone, Default)]
pub struct Products {
    list: Vec<Product>,
    ids: CatalogIds,
}

impl Products {
    /// Indexes `list`. Ids are expected to be unique (a validated catalog's
    /// are); of several products or variants with one id, the first is found.
    pub fn new(list: Vec<Product>) -> Self {
        let variants = list
            .iter()
            .fold(0usize, |n, p| n.saturating_add(p.variants.len()));
        let mut ids = CatalogIds::with_capacity(list.len(), variants);
        for (i, p) in list.iter().enumerate() {
            ids.add_product(&list, i);
            for j in 0..p.variants.len() {
                ids.add_variant(&list, i, j);
            }
        }
        Products { list, ids }
    }

    /// `list` with tables already built over it (by the catalog validation).
    pub(crate) fn with_ids(list: Vec<Product>, ids: CatalogIds) -> Self {
        Products { list, ids }
    }

    /// The product with `id`.
    pub fn by_id(&self, id: &str) -> Option<&Product> {
        let i = self.ids.product(&self.list, id)?;
        self.list.get(i)
    }

    /// The product and variant for a variant id.
    pub fn variant(&self, variant_id: &str) -> Option<(&Product, &Variant)> {
        let (i, j) = self.ids.variant(&self.list, variant_id)?;
        let p = self.list.get(i)?;
        Some((p, p.variants.get(j)?))
    }

    /// The variant with `variant_id`, to change its stock (ids stay as they are,
    /// so the tables stay valid).
    pub(crate) fn variant_mut(&mut self, variant_id: &str) -> Option<&mut Variant> {
        let (i, j) = self.ids.variant(&self.list, variant_id)?;
        self.list.get_mut(i)?.variants.get_mut(j)
    }

    /// The products, in catalog order.
    pub fn as_slice(&self) -> &[Product] {
        &self.list
    }
}

impl Deref for Products {
    type Target = [Product];

    fn deref(&self) -> &[Product] {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Localized;

    fn product(id: &str, variants: &[&str]) -> Product {
        Product {
            id: id.into(),
            handle: id.into(),
            title: Localized::new(id, id),
            description: Localized::default(),
            category: "c".into(),
            tags: vec![],
            options: vec![],
            variants: variants
                .iter()
                .map(|v| Variant {
                    id: v.to_string(),
                    options: vec![],
                    price: 100,
                    compare_at_price: None,
                    stock: 1,
                    sku: None,
                })
                .collect(),
            image: None,
            url: None,
        }
    }

    #[test]
    fn lookups_by_product_and_variant_id() {
        let list: Vec<Product> = (0..500)
            .map(|i| product(&format!("p{i}"), &[&format!("p{i}-a"), &format!("p{i}-b")]))
            .collect();
        let mut products = Products::new(list);
        assert_eq!(products.len(), 500);
        for i in [0, 1, 250, 499] {
            let id = format!("p{i}");
            assert_eq!(
                products.by_id(&id).map(|p| p.id.as_str()),
                Some(id.as_str())
            );
            let (p, v) = products.variant(&format!("p{i}-b")).expect("variant");
            assert_eq!(
                (p.id.as_str(), v.id.as_str()),
                (id.as_str(), &*format!("p{i}-b"))
            );
        }
        assert!(products.by_id("p500").is_none());
        assert!(products.by_id("").is_none());
        assert!(products.variant("p1").is_none());
        if let Some(v) = products.variant_mut("p7-a") {
            v.stock = 9;
        }
        assert_eq!(products.variant("p7-a").map(|(_, v)| v.stock), Some(9));
    }

    #[test]
    fn duplicates_are_refused_and_the_first_wins() {
        let list = vec![product("a", &["x"]), product("a", &["x", "y"])];
        let mut ids = CatalogIds::default();
        assert!(ids.add_product(&list, 0));
        assert!(!ids.add_product(&list, 1));
        assert!(ids.add_variant(&list, 0, 0));
        assert!(!ids.add_variant(&list, 1, 0));
        assert!(ids.add_variant(&list, 1, 1));
        assert!(!ids.add_variant(&list, 1, 7), "no such variant");
        let products = Products::new(list);
        assert_eq!(products.by_id("a").map(|p| p.variants.len()), Some(1));
        assert_eq!(
            products.variant("y").map(|(p, _)| p.variants.len()),
            Some(2)
        );
    }
}
