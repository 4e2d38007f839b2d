//! Time and heap of loading a generated catalog natively, the way the widget
//! loads it on first open (parse + validate + product index + the panel's
//! catalog index), with the heap counted by a wrapping allocator.
//!
//! `cargo run --release --example catalog_load [N…]` (default 1000 10000 50000)
//!
//! "peak" is the most heap in use at once during the load, above what was in
//! use before it (the catalog's JSON text is already there: in the browser it
//! is copied into wasm memory first, so add its size for the wasm figure).
//! Native sizes are those of a 64-bit build: wasm32's pointers and `String`s
//! are half as wide, so the same data is smaller there.

#[allow(dead_code)] // the scale test and the bench use the rest
#[path = "../tests/conversations/synthetic.rs"]
mod synthetic;

use shopkeep::entities::ProductIndex;
use shopkeep::store::CatalogFile;
use shopkeep::web::view::CatalogIndex;
use shopkeep::{StaticStore, Store};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting bytes in use, their peak and allocations.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const POLICIES: &str = include_str!("../www/policies.json");
const ORDERS: &str = r#"{"orders":[],"returns":[]}"#;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Runs `f`, returning its result, milliseconds, and the heap it left in use
/// and its peak above the heap in use before it.
fn measured<T>(f: impl FnOnce() -> T) -> (T, f64, usize, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let t = Instant::now();
    let out = f();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let live = LIVE.load(Relaxed).saturating_sub(base);
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    (out, ms, live, peak)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 50_000]
    } else {
        sizes
    };
    for n in sizes {
        let json = serde_json::to_string(&synthetic::catalog(n)).expect("json");
        println!(
            "{n} products ({} variants), catalog JSON {}",
            synthetic::catalog(n)
                .products
                .iter()
                .map(|p| p.variants.len())
                .sum::<usize>(),
            mib(json.len())
        );
        // the parts on their own
        let (file, parse_ms, file_heap, _) =
            measured(|| serde_json::from_str::<CatalogFile>(&json).expect("parse"));
        let (index, index_ms, index_heap, index_peak) =
            measured(|| ProductIndex::build(&file.products, &file.categories));
        drop((index, file));
        println!(
            "  parse {parse_ms:.1} ms ({} parsed), product index {index_ms:.1} ms ({}, peak {})",
            mib(file_heap),
            mib(index_heap),
            mib(index_peak)
        );
        // the whole load, three times (the first one warms the allocator)
        for round in 1..=3 {
            let count = ALLOCATIONS.load(Relaxed);
            let ((store, panel), ms, live, peak) = measured(|| {
                let store = StaticStore::from_json(&json, ORDERS, POLICIES).expect("load");
                let panel = CatalogIndex::new(store.shared_products(), store.settings());
                (store, panel)
            });
            let allocations = ALLOCATIONS.load(Relaxed) - count;
            let t = Instant::now();
            drop((store, panel));
            let drop_ms = t.elapsed().as_secs_f64() * 1e3;
            println!(
                "  load + index #{round}: {ms:.1} ms (drop {drop_ms:.1} ms); heap in use {}, \
                 peak {}, {allocations} allocations",
                mib(live),
                mib(peak)
            );
        }
    }
}
