//! A deterministic synthetic catalog for performance tests and benchmarks:
//! `n` bilingual products over 12 categories, 1–12 variants each.

use shopkeep::entities::Filter;
use shopkeep::store::{
    CatalogFile, Category, Localized, OptionKind, OrdersFile, Product, ProductOption, ProductQuery,
    ShopSettings, StaticStore, Support, Variant,
};
use shopkeep::text::Lang;

const ADJ: &[(&str, &str)] = &[
    ("Classic", "经典"),
    ("Light", "轻量"),
    ("Waterproof", "防水"),
    ("Warm", "保暖"),
    ("Urban", "城市"),
    ("Trail", "越野"),
    ("Soft", "柔软"),
    ("Vintage", "复古"),
    ("Packable", "便携"),
    ("Organic", "有机"),
    ("Everyday", "日常"),
    ("Alpine", "高山"),
    ("Coastal", "海岸"),
    ("Summit", "登顶"),
    ("Cozy", "舒适"),
];
const MATERIAL: &[(&str, &str)] = &[
    ("Cotton", "棉质"),
    ("Wool", "羊毛"),
    ("Linen", "亚麻"),
    ("Fleece", "抓绒"),
    ("Leather", "皮革"),
    ("Canvas", "帆布"),
    ("Down", "羽绒"),
    ("Merino", "美利奴"),
    ("Nylon", "尼龙"),
    ("Denim", "牛仔"),
];
const NOUN: &[(&str, &str, &str)] = &[
    ("Hoodie", "卫衣", "hoodies"),
    ("Jacket", "夹克", "jackets"),
    ("Tee", "T恤", "tees"),
    ("Shirt", "衬衫", "tees"),
    ("Sneakers", "运动鞋", "shoes"),
    ("Boots", "靴子", "shoes"),
    ("Backpack", "双肩包", "bags"),
    ("Tote", "托特包", "bags"),
    ("Beanie", "针织帽", "accessories"),
    ("Scarf", "围巾", "accessories"),
    ("Mug", "杯子", "home"),
    ("Blanket", "毯子", "home"),
    ("Tent", "帐篷", "outdoor"),
    ("Socks", "袜子", "accessories"),
    ("Vest", "马甲", "jackets"),
    ("Shorts", "短裤", "bottoms"),
    ("Trousers", "长裤", "bottoms"),
    ("Cap", "棒球帽", "accessories"),
    ("Gloves", "手套", "accessories"),
    ("Bottle", "水壶", "home"),
];
const CATS: &[(&str, &str, &str)] = &[
    ("hoodies", "Hoodies", "卫衣"),
    ("jackets", "Jackets", "外套"),
    ("tees", "Tops", "上衣"),
    ("shoes", "Shoes", "鞋"),
    ("bags", "Bags", "包"),
    ("accessories", "Accessories", "配饰"),
    ("home", "Home", "家居"),
    ("outdoor", "Outdoor", "户外"),
    ("bottoms", "Bottoms", "裤子"),
    ("kids", "Kids", "儿童"),
    ("sale", "Sale", "特价"),
    ("gifts", "Gifts", "礼品"),
];
const COLORS: &[(&str, &str)] = &[
    ("Black", "黑色"),
    ("Navy", "藏青色"),
    ("Grey", "灰色"),
    ("Red", "红色"),
    ("Green", "绿色"),
];
const SIZES: &[&str] = &["S", "M", "L", "XL"];

/// A small deterministic pseudo-random sequence (SplitMix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// A catalog of `n` products.
pub fn catalog(n: usize) -> CatalogFile {
    let mut rng = Rng(42);
    let categories = CATS
        .iter()
        .map(|(id, en, zh)| Category {
            id: id.to_string(),
            name: Localized::new(*en, *zh),
            synonyms: vec![],
        })
        .collect();
    let products = (0..n)
        .map(|i| {
            let (a_en, a_zh) = rng.pick(ADJ);
            let (m_en, m_zh) = rng.pick(MATERIAL);
            let (n_en, n_zh, cat) = rng.pick(NOUN);
            let id = format!("p{i:05}");
            let (options, variants) = match rng.next() % 3 {
                0 => (vec![], vec![variant(&id, vec![], &mut rng)]),
                1 => {
                    let opt = ProductOption {
                        name: Localized::new("Color", "颜色"),
                        kind: OptionKind::Color,
                        values: COLORS.iter().map(|c| c.0.to_string()).collect(),
                        labels: COLORS
                            .iter()
                            .map(|(en, zh)| {
                                (
                                    en.to_string(),
                                    Localized {
                                        en: None,
                                        zh: Some(zh.to_string()),
                                    },
                                )
                            })
                            .collect(),
                    };
                    let vs = COLORS
                        .iter()
                        .map(|c| variant(&id, vec![c.0.to_string()], &mut rng))
                        .collect();
                    (vec![opt], vs)
                }
                _ => {
                    let size = ProductOption {
                        name: Localized::new("Size", "尺码"),
                        kind: OptionKind::Size,
                        values: SIZES.iter().map(|s| s.to_string()).collect(),
                        labels: Default::default(),
                    };
                    let color = ProductOption {
                        name: Localized::new("Color", "颜色"),
                        kind: OptionKind::Color,
                        values: COLORS[..3].iter().map(|c| c.0.to_string()).collect(),
                        labels: Default::default(),
                    };
                    let mut vs = Vec::new();
                    for s in SIZES {
                        for c in &COLORS[..3] {
                            vs.push(variant(&id, vec![s.to_string(), c.0.to_string()], &mut rng));
                        }
                    }
                    (vec![size, color], vs)
                }
            };
            Product {
                id: id.clone(),
                handle: id.clone(),
                title: Localized::new(
                    format!("{a_en} {m_en} {n_en} {i}"),
                    format!("{a_zh}{m_zh}{n_zh}{i}号"),
                ),
                description: Localized::new(
                    format!(
                        "A {} {} {} for every day.",
                        a_en.to_lowercase(),
                        m_en.to_lowercase(),
                        n_en.to_lowercase()
                    ),
                    format!("适合日常使用的{a_zh}{m_zh}{n_zh}。"),
                ),
                category: cat.to_string(),
                tags: vec![a_en.to_lowercase(), m_en.to_lowercase()],
                options,
                variants,
                image: None,
                url: None,
            }
        })
        .collect();
    CatalogFile {
        schema: None,
        shop: ShopSettings {
            name: Localized::new("Synthetic", "合成"),
            currency: "USD".into(),
            locales: vec![Lang::En, Lang::Zh],
            url: None,
            checkout_url: None,
            low_stock_threshold: 3,
            support: Support::default(),
        },
        categories,
        products,
    }
}

fn variant(product: &str, options: Vec<String>, rng: &mut Rng) -> Variant {
    let suffix = options.join("-").to_lowercase();
    Variant {
        id: if suffix.is_empty() {
            product.to_string()
        } else {
            format!("{product}-{suffix}")
        },
        options,
        price: 1000 + (rng.next() % 30_000) as i64,
        compare_at_price: None,
        stock: (rng.next() % 40) as i64,
        sku: None,
    }
}

/// Queries of the kinds shoppers type: exact, partial, misspelt, Chinese, mixed.
pub const QUERIES: &[&str] = &[
    "waterproof jacket",
    "warm wool beanie",
    "hodie",
    "trail sneakers under 100",
    "Classic Cotton Tee 42",
    "羽绒夹克",
    "帆布托特包",
    "有机棉T恤",
    "vintage denim",
    "packable tent",
    "merino socks",
    "leathr boots",
    "那双运动鞋",
    "cozy blanket",
    "alpine down vest",
    "urban backpack",
    "summit linen shirt",
    "这个hoodie有L码吗",
];

// Each file that includes this module uses part of it.

/// A store over `catalog` with no orders and the policies JSON `policies`.
#[allow(dead_code)]
pub fn store(catalog: CatalogFile, policies: &str) -> StaticStore {
    let orders = OrdersFile {
        schema: None,
        demo_today: None,
        orders: vec![],
        returns: vec![],
    };
    let policies = serde_json::from_str(policies).expect("policies");
    StaticStore::from_parts(catalog, orders, policies).expect("synthetic catalog is valid")
}

/// A search for `text` as the dialogue runs it: no filter, eight results.
#[allow(dead_code)]
pub fn query(text: &str) -> ProductQuery {
    ProductQuery {
        text: text.to_string(),
        filter: Filter::default(),
        limit: 8,
    }
}
