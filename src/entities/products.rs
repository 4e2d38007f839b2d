//! [`ProductIndex`]: finds the products a message mentions — exactly ("Trail
//! Runner"), partially ("the hoodie", "那双跑鞋") or misspelt ("hoddie",
//! "trial runer") — and filters them by price, colour, size and stock.
//!
//! Terms: stemmed Latin words (plus glued neighbours, so "tshirt" finds "T-Shirt")
//! and CJK character bigrams and unigrams, from titles, category names and
//! synonyms, tags, option values and descriptions, each field with its own weight.
//! A query word with no exact term is matched by prefix ("hood" → "hoodie") and
//! then by trigram-filtered, bounded Damerau–Levenshtein distance.

use super::fuzzy::{edit_distance, pieces, stem, tolerance, trigrams, Piece, Pieces};
use super::lexicon::{canonical_size, color_key_of, is_stop_char, is_stop_word, COLORS};
use crate::store::{Category, OptionKind, Product};
use crate::text::normalize;
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap as FxMap, FxHashSet as FxSet};
use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;

const W_TITLE: f32 = 3.0;
const W_CATEGORY: f32 = 2.0;
const W_TAG: f32 = 1.5;
const W_HANDLE: f32 = 1.0;
const W_OPTION: f32 = 0.6;
const W_DESCRIPTION: f32 = 0.3;
const CJK_UNIGRAM_FACTOR: f32 = 0.35;

// colour sets are bit masks over `COLORS`
const _: () = assert!(COLORS.len() <= 32);

/// Position of a colour key in [`COLORS`].
fn color_index(key: &str) -> Option<u8> {
    let i = COLORS.iter().position(|d| d.key == key)?;
    u8::try_from(i).ok()
}

/// The mask bit of a colour index.
fn color_bit(i: u8) -> u32 {
    1u32.checked_shl(u32::from(i)).unwrap_or(0)
}

/// A range of one of the index's flat arrays (`u32` offsets keep the docs small).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    weight: f32,
}

#[derive(Debug, Clone, Copy)]
struct VariantFacet {
    price: i64,
    stock: u32,
    /// Index into [`ProductIndex::sizes`].
    size: Option<u16>,
    /// Index into [`COLORS`].
    color: Option<u8>,
}

#[derive(Debug, Clone)]
struct Doc {
    /// Title term ids per language (spans of [`ProductIndex::title_terms`]), for
    /// coverage; an empty span for a missing title.
    title_terms: [Span; 2],
    /// Normalised titles of two or more characters (spans of
    /// [`ProductIndex::title_text`]), for exact mentions; empty spans are absent.
    titles: [Span; 2],
    /// This product's variants in [`ProductIndex::facets`].
    variants: Span,
    /// Index into [`ProductIndex::categories`].
    category: u32,
    /// Colours named in the title or tags (products without a colour option),
    /// one bit per [`COLORS`] entry.
    title_colors: u32,
    min_price: i64,
    has_color_option: bool,
    has_size_option: bool,
    featured: bool,
}

/// The index's vocabulary: every term's text in one string, looked up through a
/// table of term ids (no allocation per term).
#[derive(Debug, Clone, Default)]
struct Terms {
    text: String,
    /// Where each term's text ends in `text`; term `i` starts where `i - 1` ends.
    ends: Vec<usize>,
    /// Term ids, hashed by their text.
    table: HashTable<u32>,
}

/// Where term `id`'s text is in [`Terms::text`].
fn term_range(ends: &[usize], id: u32) -> Range<usize> {
    let i = id as usize;
    let end = ends.get(i).copied().unwrap_or(0);
    let start = match i.checked_sub(1) {
        Some(prev) => ends.get(prev).copied().unwrap_or(0),
        None => 0,
    };
    start..end
}

fn term_text<'t>(text: &'t str, ends: &[usize], id: u32) -> &'t str {
    text.get(term_range(ends, id)).unwrap_or_default()
}

/// Whether term `id` is `term` (bytes compared: no char-boundary checks).
fn term_is(text: &str, ends: &[usize], id: u32, term: &str) -> bool {
    text.as_bytes().get(term_range(ends, id)) == Some(term.as_bytes())
}

impl Terms {
    fn with_capacity(terms: usize) -> Terms {
        Terms {
            text: String::with_capacity(terms.saturating_mul(6)),
            ends: Vec::with_capacity(terms),
            table: HashTable::with_capacity(terms),
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn text(&self, id: u32) -> &str {
        term_text(&self.text, &self.ends, id)
    }

    fn get(&self, term: &str) -> Option<u32> {
        let hash = FxBuildHasher.hash_one(term);
        self.table
            .find(hash, |&id| term_is(&self.text, &self.ends, id, term))
            .copied()
    }

    /// The id of `term`, added to the vocabulary if new.
    fn intern(&mut self, term: &str) -> u32 {
        let hash = FxBuildHasher.hash_one(term);
        if let Some(&id) = self
            .table
            .find(hash, |&id| term_is(&self.text, &self.ends, id, term))
        {
            return id;
        }
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(term);
        self.ends.push(self.text.len());
        let Terms { text, ends, table } = self;
        table.insert_unique(hash, id, |&id| {
            FxBuildHasher.hash_one(term_text(text, ends, id))
        });
        id
    }
}

/// Filters a search must satisfy; all are optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Some variant costs at least this (minor units).
    pub min_price: Option<i64>,
    /// Some variant costs at most this (minor units).
    pub max_price: Option<i64>,
    /// Canonical colour key (see [`super::lexicon::COLORS`]).
    pub color: Option<String>,
    /// Canonical size (see [`super::lexicon::canonical_size`]).
    pub size: Option<String>,
    /// A category id.
    pub category: Option<String>,
    /// Only products with a matching variant in stock.
    pub in_stock: bool,
}

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the product in the slice the index was built from.
    pub index: usize,
    /// Relevance (0 when the query had no product words).
    pub score: f32,
    /// Share of the product's title words the query mentions (best language), 0..=1.
    pub coverage: f32,
    /// The query contains the whole title.
    pub exact: bool,
}

/// An immutable search index over a product list.
///
/// Everything per term and per product lives in a few flat arrays (postings,
/// variant facets, title terms and texts) addressed by offsets, so building it
/// makes a handful of large allocations instead of several per product.
#[derive(Debug, Clone, Default)]
pub struct ProductIndex {
    docs: Vec<Doc>,
    /// Every product's variants, in product order (see [`Doc::variants`]).
    facets: Vec<VariantFacet>,
    /// Title term ids of every product (see [`Doc::title_terms`]).
    title_terms: Vec<u32>,
    /// Normalised titles of every product (see [`Doc::titles`]).
    title_text: String,
    /// The vocabulary; postings are indexed by term id.
    terms: Terms,
    /// The postings of term `t` are `postings[post_starts[t]..post_starts[t + 1]]`,
    /// in document order.
    post_starts: Vec<u32>,
    postings: Vec<Posting>,
    /// Ids of the Latin terms sorted by text, for prefix and fuzzy lookups.
    latin: Vec<u32>,
    /// Trigram → its positions in `latin` (a span of `trigram_positions`).
    trigram_index: FxMap<[char; 3], Span>,
    trigram_positions: Vec<u32>,
    /// Canonical sizes and category ids, referenced by index from the docs.
    sizes: Vec<String>,
    categories: Vec<String>,
}

/// Normalisation for indexing: plain lower-case ASCII text is used as is (the
/// common case), anything else goes through [`normalize`].
fn norm(text: &str) -> Cow<'_, str> {
    if is_plain(text) {
        Cow::Borrowed(text)
    } else {
        let mut out = String::with_capacity(text.len());
        norm_into(text, &mut out);
        Cow::Owned(out)
    }
}

/// Text [`norm`] leaves as it is.
fn is_plain(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'-')
        && !has_double_space(text)
        && !text.starts_with(' ')
        && !text.ends_with(' ')
}

/// `text.contains("  ")`, without setting up a substring search (which costs
/// more than the scan for the short texts indexed here, notably in wasm).
fn has_double_space(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w == b"  ")
}

/// Appends [`norm`]`(text)` to `out` (ASCII text without an allocation).
fn norm_into(text: &str, out: &mut String) {
    if is_plain(text) {
        out.push_str(text);
    } else if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_control() || b == b'\'') {
        for (i, word) in text.split_ascii_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
    } else if text.chars().all(|c| {
        matches!(c, 'a'..='z' | '0'..='9' | ' ' | '-' | '\u{3001}' | '\u{3002}')
            || ('\u{4e00}'..='\u{9fff}').contains(&c)
    }) && !has_double_space(text)
    {
        // already NFKC, lower case and single-spaced: only Traditional → Simplified is left
        out.push_str(&fast2s::convert(text));
    } else {
        out.push_str(&normalize(text));
    }
}

/// Calls `emit(term, weight)` for every term of an already-normalised text:
/// stemmed words (plus glued neighbours when `glue`), CJK bigrams and (when
/// `unigrams`) non-stop CJK unigrams. `buf` holds glued words.
fn for_each_term(
    text: &str,
    weight: f32,
    glue: bool,
    buf: &mut String,
    emit: &mut impl FnMut(&str, f32),
) {
    for_each_term_with(text, weight, glue, true, buf, &mut |t, w, _| emit(t, w))
}

/// [`for_each_term`] with a choice of unigrams, and `emit(term, weight, cover)`
/// telling the terms [`for_each_title_term`] names (`cover`): stemmed words,
/// bigrams, and the character of a one-character run.
fn for_each_term_with(
    text: &str,
    weight: f32,
    glue: bool,
    unigrams: bool,
    buf: &mut String,
    emit: &mut impl FnMut(&str, f32, bool),
) {
    let mut prev: Option<&str> = None;
    let mut chars = [0u8; 8];
    for piece in Pieces::new(text) {
        match piece {
            Piece::Word(w) => {
                let s = stem(w);
                if glue {
                    if let Some(p) = prev {
                        buf.clear();
                        buf.push_str(p);
                        buf.push_str(&s);
                        emit(buf, weight * 0.9, false);
                    }
                    prev = Some(w);
                }
                emit(&s, weight, true);
            }
            Piece::Cjk(run) => {
                prev = None;
                let single = run.chars().nth(1).is_none();
                let mut last: Option<char> = None;
                for c in run.chars() {
                    if let Some(l) = last {
                        emit(chars_str(&mut chars, l, Some(c)), weight, true);
                    }
                    if unigrams && !is_stop_char(c) {
                        emit(chars_str(&mut chars, c, None), weight, single);
                    }
                    last = Some(c);
                }
            }
        }
    }
}

/// `a` followed by `b` (if any), as a string in `out`.
fn chars_str(out: &mut [u8; 8], a: char, b: Option<char>) -> &str {
    let n = a.encode_utf8(out).len();
    let m = match (b, out.get_mut(n..)) {
        (Some(b), Some(rest)) => b.encode_utf8(rest).len(),
        _ => 0,
    };
    out.get(..n + m)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// Title terms used for coverage: stemmed words and CJK bigrams (or the single
/// character of a one-character run). The index takes them from
/// [`for_each_term_with`]'s `cover` flag; this is the rule it is tested against.
#[cfg(test)]
fn for_each_title_term(text: &str, emit: &mut impl FnMut(&str)) {
    let mut buf = String::new();
    for piece in Pieces::new(text) {
        match piece {
            Piece::Word(w) => emit(&stem(w)),
            Piece::Cjk(run) => {
                let mut chars = run.chars();
                let Some(mut last) = chars.next() else {
                    continue;
                };
                let mut single = true;
                for c in chars {
                    single = false;
                    buf.clear();
                    buf.push(last);
                    buf.push(c);
                    emit(&buf);
                    last = c;
                }
                if single {
                    buf.clear();
                    buf.push(last);
                    emit(&buf);
                }
            }
        }
    }
}

/// Colours named in a normalised text, one bit per [`COLORS`] entry.
fn colors_in(text: &str) -> u32 {
    use std::sync::OnceLock;
    static WORDS: OnceLock<FxMap<&'static str, u32>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut m = FxMap::default();
        for (i, def) in COLORS.iter().enumerate() {
            let bit = u8::try_from(i).map_or(0, color_bit);
            for n in def.en {
                m.insert(*n, bit);
            }
        }
        m
    });
    let mut found = 0u32;
    let mut tokens = text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .peekable();
    let mut pair = String::new();
    while let Some(w) = tokens.next() {
        if let Some(next) = tokens.peek() {
            pair.clear();
            pair.push_str(w);
            pair.push(' ');
            pair.push_str(next);
            if let Some(bit) = words.get(pair.as_str()) {
                found |= bit;
                continue;
            }
        }
        if let Some(bit) = words.get(w) {
            found |= bit;
        }
    }
    if text.chars().any(crate::text::is_cjk) {
        // a Chinese name is in the text iff it starts at one of its characters:
        // one pass over the text, trying the names that begin with each character
        static ZH: OnceLock<FxMap<char, Vec<(&'static str, u32)>>> = OnceLock::new();
        let zh = ZH.get_or_init(|| {
            let mut m: FxMap<char, Vec<(&'static str, u32)>> = FxMap::default();
            for (i, def) in COLORS.iter().enumerate() {
                let bit = u8::try_from(i).map_or(0, color_bit);
                for n in def.zh {
                    if let Some(c) = n.chars().next() {
                        m.entry(c).or_default().push((*n, bit));
                    }
                }
            }
            m
        });
        for (i, c) in text.char_indices() {
            let Some(names) = zh.get(&c) else {
                continue;
            };
            let rest = text.get(i..).unwrap_or_default();
            for &(name, bit) in names {
                if rest.starts_with(name) {
                    found |= bit;
                }
            }
        }
    }
    found
}

/// A query feature: the terms it matched, each with a quality factor.
struct Feature {
    terms: Vec<(u32, f32)>,
}

/// One product's terms, each once with its best weight, in first-seen order
/// (deduplicated as they come instead of sorting a list with repeats).
#[derive(Default)]
struct DocTerms {
    list: Vec<(u32, f32)>,
    /// Per term id: the product it was last added for (`stamp`) and its
    /// position in `list`.
    slots: Vec<(u32, u32)>,
    stamp: u32,
}

impl DocTerms {
    /// Starts the next product.
    fn start(&mut self) {
        self.list.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.slots.fill((0, 0));
            self.stamp = 1;
        }
    }

    fn add(&mut self, term: u32, weight: f32) {
        let t = term as usize;
        if t >= self.slots.len() {
            let len = (t + 1).max(self.slots.len().saturating_mul(2));
            self.slots.resize(len, (0, 0));
        }
        let Some(slot) = self.slots.get_mut(t) else {
            return;
        };
        if slot.0 == self.stamp {
            if let Some(entry) = self.list.get_mut(slot.1 as usize) {
                if weight.total_cmp(&entry.1).is_gt() {
                    entry.1 = weight;
                }
            }
        } else {
            *slot = (
                self.stamp,
                u32::try_from(self.list.len()).unwrap_or(u32::MAX),
            );
            self.list.push((term, weight));
        }
    }
}

/// What [`ProductIndex::build`] collects product by product.
#[derive(Default)]
struct Collected {
    docs: Vec<Doc>,
    facets: Vec<VariantFacet>,
    title_terms: Vec<u32>,
    title_text: String,
    /// Every product's deduplicated (term, weight) pairs, one product after the other.
    doc_terms: Vec<(u32, f32)>,
    /// Where each product's pairs end in `doc_terms`.
    doc_ends: Vec<usize>,
    /// Per term id: the number of products with the term.
    counts: Vec<u32>,
    scratch: DocTerms,
    ids: Vec<u32>,
    emitted: Vec<u32>,
    /// Glued words of the titles.
    glued: String,
}

struct Builder<'a> {
    terms: Terms,
    /// Normalised text being indexed.
    buf: String,
    /// Glued words being indexed.
    glued: String,
    /// Option value → index into [`COLORS`].
    colors: FxMap<&'a str, Option<u8>>,
    /// Option value → index into `size_names`.
    sizes: FxMap<&'a str, Option<u16>>,
    /// One product's colour and size per option value (`None`: not yet known).
    value_colors: Vec<Option<Option<u8>>>,
    value_sizes: Vec<Option<Option<u16>>>,
    size_names: Vec<String>,
    categories: FxMap<&'a str, u32>,
    category_names: Vec<String>,
    /// Terms of short texts that repeat across products (tags, option values
    /// and labels), as (term, factor) with the weight applied at use.
    repeated: FxMap<(&'a str, bool), Vec<(u32, f32)>>,
}

impl<'a> Builder<'a> {
    /// Adds the terms of a text that tends to repeat across products.
    fn add_repeated(&mut self, text: &'a str, weight: f32, glue: bool, out: &mut DocTerms) {
        if let Some(terms) = self.repeated.get(&(text, glue)) {
            for &(id, f) in terms {
                out.add(id, f * weight);
            }
            return;
        }
        let mut terms = Vec::new();
        let t = norm(text);
        let Builder {
            terms: vocabulary,
            glued,
            ..
        } = self;
        for_each_term(&t, 1.0, glue, glued, &mut |term, f| {
            terms.push((vocabulary.intern(term), f))
        });
        for &(id, f) in &terms {
            out.add(id, f * weight);
        }
        self.repeated.insert((text, glue), terms);
    }

    /// Adds the terms of a text (`unigrams`: also single CJK characters).
    fn add(&mut self, text: &str, weight: f32, glue: bool, unigrams: bool, out: &mut DocTerms) {
        let Builder {
            terms, buf, glued, ..
        } = self;
        buf.clear();
        norm_into(text, buf);
        for_each_term_with(buf, weight, glue, unigrams, glued, &mut |term, w, _| {
            out.add(terms.intern(term), w)
        });
    }

    /// The canonical size of an option value, as an index into `size_names`.
    fn size(&mut self, value: &'a str) -> Option<u16> {
        if let Some(&known) = self.sizes.get(value) {
            return known;
        }
        let id =
            canonical_size(value).map(|c| match self.size_names.iter().position(|n| *n == c) {
                Some(pos) => u16::try_from(pos).unwrap_or(u16::MAX),
                None => {
                    self.size_names.push(c);
                    u16::try_from(self.size_names.len() - 1).unwrap_or(u16::MAX)
                }
            });
        self.sizes.insert(value, id);
        id
    }

    fn color(&mut self, value: &'a str) -> Option<u8> {
        *self
            .colors
            .entry(value)
            .or_insert_with(|| color_key_of(value).and_then(color_index))
    }
}

/// Sorts the `(term, weight)` pairs collected document by document into one
/// posting list per term: `post_starts` (term → start, plus the end) and the
/// postings, each list in document order. `counts` holds each term's number of
/// documents.
///
/// The per-document work is a function of its own (as is
/// [`ProductIndex::add_product`]): wasm engines optimise a function once it has
/// been called often enough, never a loop that is already running.
fn invert(
    counts: &[u32],
    doc_terms: &[(u32, f32)],
    doc_ends: &[usize],
) -> (Vec<u32>, Vec<Posting>) {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut total = 0u32;
    starts.push(0);
    for &n in counts {
        total = total.saturating_add(n);
        starts.push(total);
    }
    let mut next: Vec<u32> = starts.get(..counts.len()).unwrap_or_default().to_vec();
    let mut postings = vec![
        Posting {
            doc: 0,
            weight: 0.0
        };
        doc_terms.len()
    ];
    let mut begin = 0;
    for (doc, &end) in doc_ends.iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        let terms = doc_terms.get(begin..end).unwrap_or_default();
        scatter(doc, terms, &mut next, &mut postings);
        begin = end;
    }
    (starts, postings)
}

/// Puts one document's postings in their terms' lists (`next`: each list's
/// first free slot).
#[inline(never)]
fn scatter(doc: u32, terms: &[(u32, f32)], next: &mut [u32], postings: &mut [Posting]) {
    for &(t, weight) in terms {
        if let Some(at) = next.get_mut(t as usize) {
            if let Some(slot) = postings.get_mut(*at as usize) {
                *slot = Posting { doc, weight };
            }
            *at += 1;
        }
    }
}

/// The trigram index of the sorted Latin terms: trigram → span of positions.
fn trigram_index(terms: &Terms, latin: &[u32]) -> (FxMap<[char; 3], Span>, Vec<u32>) {
    // each trigram numbered once; its occurrences as (trigram number, position)
    let mut tri = Trigrams::default();
    for (pos, &id) in latin.iter().enumerate() {
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        tri.add(terms.text(id), pos);
    }
    let Trigrams {
        numbers,
        counts,
        occurrences,
        ..
    } = tri;
    // each trigram's span, then the positions in term order
    let mut starts = Vec::with_capacity(counts.len());
    let mut total = 0;
    for &k in &counts {
        starts.push(total);
        total += k;
    }
    let mut next = starts.clone();
    let mut positions = vec![0u32; total];
    for (n, pos) in occurrences {
        if let Some(at) = next.get_mut(n as usize) {
            if let Some(slot) = positions.get_mut(*at) {
                *slot = pos;
            }
            *at += 1;
        }
    }
    let index = numbers
        .into_iter()
        .map(|(tri, n)| {
            let start = starts.get(n as usize).copied().unwrap_or(0);
            let end = next.get(n as usize).copied().unwrap_or(start);
            (tri, Span::new(start, end))
        })
        .collect();
    (index, positions)
}

/// Trigram occurrences, collected term by term.
#[derive(Default)]
struct Trigrams {
    numbers: FxMap<[char; 3], u32>,
    /// Occurrences per trigram number.
    counts: Vec<usize>,
    /// (trigram number, position of the term in the sorted Latin terms).
    occurrences: Vec<(u32, u32)>,
    chars: Vec<char>,
}

impl Trigrams {
    /// Adds the trigrams of `term` (at `pos`), boundary marks included.
    #[inline(never)]
    fn add(&mut self, term: &str, pos: u32) {
        let Trigrams {
            numbers,
            counts,
            occurrences,
            chars,
        } = self;
        chars.clear();
        chars.push('^');
        chars.extend(term.chars());
        chars.push('$');
        for w in chars.windows(3) {
            let [a, b, c] = *w else {
                continue;
            };
            let next = u32::try_from(counts.len()).unwrap_or(u32::MAX);
            let n = *numbers.entry([a, b, c]).or_insert(next);
            if n == next {
                counts.push(0);
            }
            if let Some(k) = counts.get_mut(n as usize) {
                *k += 1;
            }
            occurrences.push((n, pos));
        }
    }
}

/// A term for prefix and fuzzy matching: no CJK, at least two characters.
#[inline(never)]
fn is_latin_term(t: &str) -> bool {
    !t.chars().any(crate::text::is_cjk) && t.chars().nth(1).is_some()
}

impl ProductIndex {
    /// Indexes `products`; `categories` supply category names and synonyms.
    /// Cost is linear in the catalog size.
    pub fn build(products: &[Product], categories: &[Category]) -> ProductIndex {
        let mut b = Builder {
            terms: Terms::with_capacity(products.len().saturating_mul(4).max(256)),
            buf: String::new(),
            glued: String::new(),
            colors: FxMap::default(),
            sizes: FxMap::default(),
            value_colors: Vec::new(),
            value_sizes: Vec::new(),
            size_names: Vec::new(),
            categories: FxMap::default(),
            category_names: Vec::new(),
            repeated: FxMap::default(),
        };
        let mut cat_terms: FxMap<&str, Vec<(u32, f32)>> = FxMap::default();
        for c in categories {
            let mut terms = Vec::new();
            for t in c.name.texts().chain(c.synonyms.iter().map(String::as_str)) {
                let t = norm(t);
                for_each_term(&t, W_CATEGORY, true, &mut b.glued, &mut |term, w| {
                    terms.push((b.terms.intern(term), w))
                });
            }
            cat_terms.insert(c.id.as_str(), terms);
        }
        let n_variants = products
            .iter()
            .fold(0usize, |n, p| n.saturating_add(p.variants.len()));
        let mut c = Collected {
            docs: Vec::with_capacity(products.len()),
            facets: Vec::with_capacity(n_variants),
            doc_ends: Vec::with_capacity(products.len()),
            ..Collected::default()
        };
        for p in products {
            Self::add_product(p, &mut b, &cat_terms, &mut c);
        }
        let Collected {
            docs,
            facets,
            mut title_terms,
            mut title_text,
            doc_terms,
            doc_ends,
            mut counts,
            ..
        } = c;
        counts.resize(b.terms.len(), 0);
        let (post_starts, postings) = invert(&counts, &doc_terms, &doc_ends);
        drop(doc_terms);
        let terms = b.terms;
        let mut latin: Vec<u32> = (0..terms.len())
            .filter_map(|id| u32::try_from(id).ok())
            .filter(|&id| is_latin_term(terms.text(id)))
            .collect();
        // by text; the first eight bytes as a number settle most comparisons
        let prefix = |id: u32| {
            let mut key = [0u8; 8];
            let t = terms.text(id).as_bytes();
            let n = t.len().min(8);
            if let (Some(k), Some(t)) = (key.get_mut(..n), t.get(..n)) {
                k.copy_from_slice(t);
            }
            u64::from_be_bytes(key)
        };
        let mut keyed: Vec<(u64, u32)> = latin.iter().map(|&id| (prefix(id), id)).collect();
        keyed.sort_unstable_by(|&(kx, x), &(ky, y)| {
            kx.cmp(&ky).then_with(|| terms.text(x).cmp(terms.text(y)))
        });
        latin.clear();
        latin.extend(keyed.into_iter().map(|(_, id)| id));
        let (trigram_index, trigram_positions) = trigram_index(&terms, &latin);
        title_terms.shrink_to_fit();
        title_text.shrink_to_fit();
        ProductIndex {
            docs,
            facets,
            title_terms,
            title_text,
            terms,
            post_starts,
            postings,
            latin,
            trigram_index,
            trigram_positions,
            sizes: b.size_names,
            categories: b.category_names,
        }
    }

    /// Indexes one product into `c`. A function of its own, not the body of
    /// `build`'s loop: wasm engines optimise a function once it has been called
    /// often enough, never a loop that is already running.
    #[inline(never)]
    fn add_product<'a>(
        p: &'a Product,
        b: &mut Builder<'a>,
        cat_terms: &FxMap<&str, Vec<(u32, f32)>>,
        c: &mut Collected,
    ) {
        let Collected {
            docs,
            facets,
            title_terms,
            title_text,
            doc_terms,
            doc_ends,
            scratch,
            ids,
            emitted,
            glued,
            counts,
        } = c;
        scratch.start();
        if let Some(ct) = cat_terms.get(p.category.as_str()) {
            for &(t, w) in ct {
                scratch.add(t, w);
            }
        }
        // all normalised titles, their term spans and the exact-mention ones
        let mut all_titles = [Span::default(); 2];
        let mut term_spans = [Span::default(); 2];
        let mut exact_titles = [Span::default(); 2];
        for (k, t) in p.title.texts().take(2).enumerate() {
            let start = title_text.len();
            norm_into(t, title_text);
            let span = Span::new(start, title_text.len());
            let t = title_text.get(span.range()).unwrap_or_default();
            emitted.clear();
            // coverage terms: the unglued words and the bigrams (single
            // characters only for a one-character run)
            ids.clear();
            for_each_term_with(t, W_TITLE, true, true, glued, &mut |term, w, cover| {
                let id = b.terms.intern(term);
                emitted.push(id);
                scratch.add(id, w);
                if cover {
                    ids.push(id);
                }
            });
            if ids.is_empty() {
                ids.extend_from_slice(emitted);
            }
            ids.sort_unstable();
            ids.dedup();
            let first = title_terms.len();
            title_terms.extend_from_slice(ids);
            if let (Some(all), Some(terms), Some(exact)) = (
                all_titles.get_mut(k),
                term_spans.get_mut(k),
                exact_titles.get_mut(k),
            ) {
                *all = span;
                *terms = Span::new(first, title_terms.len());
                if t.chars().nth(1).is_some() {
                    *exact = span;
                }
            }
        }
        b.add(&p.handle, W_HANDLE, false, true, scratch);
        for tag in &p.tags {
            b.add_repeated(tag, W_TAG, true, scratch);
        }
        for opt in &p.options {
            if opt.kind == OptionKind::Size {
                continue;
            }
            for v in &opt.values {
                b.add_repeated(v, W_OPTION, false, scratch);
                if let Some(l) = opt.labels.get(v) {
                    for t in l.texts() {
                        b.add_repeated(t, W_OPTION, false, scratch);
                    }
                }
            }
        }
        for t in p.description.texts() {
            b.add(t, W_DESCRIPTION, false, false, scratch);
        }
        // one posting per term, with the term's best weight in this product
        doc_terms.extend_from_slice(&scratch.list);
        for &(t, _) in &scratch.list {
            let t = t as usize;
            if t >= counts.len() {
                counts.resize(t + 1, 0);
            }
            if let Some(n) = counts.get_mut(t) {
                *n += 1;
            }
        }
        doc_ends.push(doc_terms.len());
        let title_colors = Self::title_colors(p, title_text, all_titles);
        let mut doc = Self::doc_of(p, facets, b);
        doc.title_terms = term_spans;
        doc.titles = exact_titles;
        doc.title_colors = title_colors;
        docs.push(doc);
    }

    /// Colours named in the titles or tags; they matter only without a colour option.
    fn title_colors(p: &Product, title_text: &str, titles: [Span; 2]) -> u32 {
        if p.options.iter().any(|o| o.kind == OptionKind::Color) {
            return 0;
        }
        let titles = titles
            .iter()
            .map(|s| title_text.get(s.range()).unwrap_or_default());
        let tags = p.tags.iter().map(|t| norm(t));
        titles
            .map(Cow::Borrowed)
            .chain(tags)
            .fold(0, |mask, t| mask | colors_in(&t))
    }

    /// The product's document without its title data (filled in by `build`);
    /// its variants go to `facets`.
    fn doc_of<'a>(p: &'a Product, facets: &mut Vec<VariantFacet>, b: &mut Builder<'a>) -> Doc {
        let color_idx = p.options.iter().position(|o| o.kind == OptionKind::Color);
        let size_idx = p.options.iter().position(|o| o.kind == OptionKind::Size);
        let color_opt = color_idx.and_then(|i| p.options.get(i));
        let size_opt = size_idx.and_then(|i| p.options.get(i));
        // colour and size per option value, worked out at the value's first use
        // (variants repeat a few values)
        let mut colors = std::mem::take(&mut b.value_colors);
        let mut sizes = std::mem::take(&mut b.value_sizes);
        colors.clear();
        colors.resize(color_opt.map_or(0, |o| o.values.len()), None);
        sizes.clear();
        sizes.resize(size_opt.map_or(0, |o| o.values.len()), None);
        let first = facets.len();
        for v in &p.variants {
            let color = color_idx.and_then(|i| v.options.get(i)).and_then(|value| {
                let at = color_opt.and_then(|o| o.values.iter().position(|x| x == value));
                if let Some(&Some(known)) = at.and_then(|k| colors.get(k)) {
                    return known;
                }
                let color = b.color(value.as_str()).or_else(|| {
                    let zh = color_opt?.labels.get(value)?.zh.as_deref()?;
                    b.color(zh)
                });
                if let Some(slot) = at.and_then(|k| colors.get_mut(k)) {
                    *slot = Some(color);
                }
                color
            });
            let size = size_idx.and_then(|i| v.options.get(i)).and_then(|value| {
                let at = size_opt.and_then(|o| o.values.iter().position(|x| x == value));
                if let Some(&Some(known)) = at.and_then(|k| sizes.get(k)) {
                    return known;
                }
                let size = b.size(value);
                if let Some(slot) = at.and_then(|k| sizes.get_mut(k)) {
                    *slot = Some(size);
                }
                size
            });
            facets.push(VariantFacet {
                price: v.price,
                stock: v.available(),
                size,
                color,
            });
        }
        b.value_colors = colors;
        b.value_sizes = sizes;
        let category = match b.categories.get(p.category.as_str()) {
            Some(&c) => c,
            None => {
                let c = u32::try_from(b.category_names.len()).unwrap_or(u32::MAX);
                b.category_names.push(p.category.clone());
                b.categories.insert(p.category.as_str(), c);
                c
            }
        };
        Doc {
            title_terms: Default::default(),
            titles: Default::default(),
            variants: Span::new(first, facets.len()),
            category,
            title_colors: 0,
            min_price: p.price_range().0,
            has_color_option: color_idx.is_some(),
            has_size_option: size_idx.is_some(),
            featured: p.tags.iter().any(|t| {
                t.eq_ignore_ascii_case("bestseller") || t.eq_ignore_ascii_case("featured")
            }),
        }
    }

    /// The postings of a term, in document order.
    fn postings_of(&self, term: u32) -> &[Posting] {
        let t = term as usize;
        match (self.post_starts.get(t), self.post_starts.get(t + 1)) {
            (Some(&start), Some(&end)) => self
                .postings
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// Number of indexed products.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no product is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Query features of a message — its product words — and how many content
    /// words matched nothing.
    fn features(&self, norm: &str) -> (Vec<Feature>, usize) {
        let mut out = Vec::new();
        let mut unmatched = 0;
        let mut seen: HashSet<String> = HashSet::new();
        let ps = pieces(norm);
        let mut buf = String::new();
        for (pi, piece) in ps.iter().enumerate() {
            match *piece {
                Piece::Word(w) => {
                    let len = w.chars().count();
                    if len < 2 || is_stop_word(w) || w.chars().all(|c| c.is_ascii_digit()) {
                        continue;
                    }
                    let s = stem(w);
                    if !seen.insert(s.to_string()) {
                        continue;
                    }
                    let mut f = self.latin_feature(&s, len);
                    // "t shirt" / "tee shirt" glued to the indexed "tshirt"
                    if let Some(Piece::Word(next)) = ps.get(pi + 1) {
                        buf.clear();
                        buf.push_str(w);
                        buf.push_str(&stem(next));
                        if let Some(id) = self.terms.get(buf.as_str()) {
                            f.terms.push((id, 1.0));
                        }
                    }
                    if f.terms.is_empty() {
                        unmatched += 1;
                    } else {
                        out.push(f);
                    }
                }
                Piece::Cjk(run) => {
                    let chars: Vec<char> = run.chars().collect();
                    for pair in chars.windows(2) {
                        buf.clear();
                        buf.extend(pair);
                        if let Some(id) = self.terms.get(buf.as_str()) {
                            if seen.insert(buf.clone()) {
                                out.push(Feature {
                                    terms: vec![(id, 1.0)],
                                });
                            }
                        }
                    }
                    for &c in &chars {
                        if is_stop_char(c) {
                            continue;
                        }
                        buf.clear();
                        buf.push(c);
                        match self.terms.get(buf.as_str()) {
                            None => unmatched += 1,
                            Some(id) => {
                                if seen.insert(buf.clone()) {
                                    out.push(Feature {
                                        terms: vec![(id, CJK_UNIGRAM_FACTOR)],
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
        (out, unmatched)
    }

    fn latin_feature(&self, word: &str, len: usize) -> Feature {
        if let Some(id) = self.terms.get(word) {
            return Feature {
                terms: vec![(id, 1.0)],
            };
        }
        let mut terms = Vec::new();
        if len >= 3 {
            let start = self.latin.partition_point(|&id| self.terms.text(id) < word);
            for &id in self.latin.iter().skip(start).take(64) {
                if !self.terms.text(id).starts_with(word) {
                    break;
                }
                terms.push((id, 0.8));
            }
        }
        let tol = tolerance(len);
        if terms.is_empty() && tol > 0 {
            let grams = trigrams(word);
            let mut counts: FxMap<u32, u32> = FxMap::default();
            for g in &grams {
                if let Some(span) = self.trigram_index.get(g) {
                    let positions = self.trigram_positions.get(span.range());
                    for &pos in positions.unwrap_or_default() {
                        *counts.entry(pos).or_insert(0) += 1;
                    }
                }
            }
            let need = (grams.len() as u32).saturating_sub(3 * tol as u32).max(1);
            let mut cands: Vec<(u32, u32)> =
                counts.into_iter().filter(|&(_, c)| c >= need).collect();
            cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (pos, _) in cands.into_iter().take(200) {
                let Some(&id) = self.latin.get(pos as usize) else {
                    continue;
                };
                if let Some(d) = edit_distance(word, self.terms.text(id), tol) {
                    terms.push((id, if d <= 1 { 0.75 } else { 0.55 }));
                }
            }
        }
        Feature { terms }
    }

    /// Whether `doc` satisfies `filter`; `color` is the filter's colour as an
    /// index into [`COLORS`] (`Some(None)` for a colour the index cannot have).
    fn passes(&self, doc: &Doc, filter: &Filter, color: Option<Option<u8>>) -> bool {
        if let Some(cat) = &filter.category {
            if self.categories.get(doc.category as usize) != Some(cat) {
                return false;
            }
        }
        if let Some(c) = color {
            let named = c.is_some_and(|i| doc.title_colors & color_bit(i) != 0);
            if !doc.has_color_option && !named {
                return false;
            }
        }
        if filter.size.is_some() && !doc.has_size_option {
            return false;
        }
        let variants = self.facets.get(doc.variants.range()).unwrap_or_default();
        variants.iter().any(|v| {
            filter.min_price.is_none_or(|m| v.price >= m)
                && filter.max_price.is_none_or(|m| v.price <= m)
                && (!filter.in_stock || v.stock > 0)
                && match (color, doc.has_color_option) {
                    (Some(c), true) => c.is_some() && v.color == c,
                    _ => true,
                }
                && match &filter.size {
                    Some(s) => v.size.and_then(|i| self.sizes.get(usize::from(i))) == Some(s),
                    None => true,
                }
        })
    }

    /// Products matching `text` and `filter`, best first, at most `limit`.
    ///
    /// When `text` has product words, only products matching at least one of
    /// them are returned, and weak matches (below a third of the best score) are
    /// dropped; words that match nothing ("weather") give no hits. When `text` has
    /// no content words at all, every product passing the filter is a hit with
    /// score 0, featured ones first, then cheapest.
    pub fn search(&self, text: &str, filter: &Filter, limit: usize) -> Vec<Hit> {
        let norm = normalize(text);
        let (features, unmatched) = self.features(&norm);
        let color = filter.color.as_deref().map(color_index);
        if features.is_empty() {
            if unmatched > 0 {
                return Vec::new();
            }
            let mut hits: Vec<Hit> = self
                .docs
                .iter()
                .enumerate()
                .filter(|(_, d)| self.passes(d, filter, color))
                .map(|(i, _)| Hit {
                    index: i,
                    score: 0.0,
                    coverage: 0.0,
                    exact: false,
                })
                .collect();
            let key = |h: &Hit| {
                self.docs
                    .get(h.index)
                    .map_or((true, i64::MAX), |d| (!d.featured, d.min_price))
            };
            hits.sort_by(|a, b| key(a).cmp(&key(b)).then(a.index.cmp(&b.index)));
            hits.truncate(limit);
            return hits;
        }
        let n = self.docs.len();
        let mut scores = vec![0.0f32; n];
        let mut best = vec![0.0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut feature_touched: Vec<u32> = Vec::new();
        let mut matched_terms: FxSet<u32> = FxSet::default();
        let n_docs = n.max(1) as f32;
        for f in &features {
            for &(term, quality) in &f.terms {
                let list = self.postings_of(term);
                if list.is_empty() {
                    continue;
                }
                matched_terms.insert(term);
                let idf = (1.0 + n_docs / list.len() as f32).ln();
                for p in list {
                    let Some(slot) = best.get_mut(p.doc as usize) else {
                        continue;
                    };
                    let v = quality * p.weight * idf;
                    if *slot == 0.0 {
                        feature_touched.push(p.doc);
                    }
                    if *slot < v {
                        *slot = v;
                    }
                }
            }
            for &doc in &feature_touched {
                let d = doc as usize;
                if let (Some(s), Some(b)) = (scores.get_mut(d), best.get_mut(d)) {
                    if *s == 0.0 {
                        touched.push(doc);
                    }
                    *s += *b;
                    *b = 0.0;
                }
            }
            feature_touched.clear();
        }
        let top = touched
            .iter()
            .filter_map(|&d| scores.get(d as usize))
            .copied()
            .fold(0.0f32, f32::max);
        let mut hits: Vec<Hit> = touched
            .iter()
            .filter_map(|&d| {
                let score = *scores.get(d as usize)?;
                let doc = self.docs.get(d as usize)?;
                (score >= top / 3.0 && self.passes(doc, filter, color)).then_some(Hit {
                    index: d as usize,
                    score,
                    coverage: 0.0,
                    exact: false,
                })
            })
            .collect();
        // coverage and exact titles only for the best few: they can reorder
        // close scores, never lift a weak match above a strong one
        let keep = (limit.saturating_mul(4)).max(32);
        let by_score = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index));
        if hits.len() > keep {
            hits.select_nth_unstable_by(keep, by_score);
            hits.truncate(keep);
        }
        for h in &mut hits {
            let Some(d) = self.docs.get(h.index) else {
                continue;
            };
            let exact = d.titles.iter().any(|&t| {
                !t.is_empty()
                    && self
                        .title_text
                        .get(t.range())
                        .is_some_and(|t| norm.contains(t))
            });
            let coverage = d
                .title_terms
                .iter()
                .map(|&t| self.title_terms.get(t.range()).unwrap_or_default())
                .filter(|t| !t.is_empty())
                .map(|t| {
                    t.iter().filter(|x| matched_terms.contains(x)).count() as f32 / t.len() as f32
                })
                .fold(0.0f32, f32::max);
            h.exact = exact;
            h.coverage = if exact { 1.0 } else { coverage };
            if exact {
                h.score *= 1.5;
            }
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.coverage.total_cmp(&a.coverage))
                .then(a.index.cmp(&b.index))
        });
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Localized, ProductOption, Variant};

    fn product(
        id: &str,
        en: &str,
        zh: &str,
        cat: &str,
        options: Vec<ProductOption>,
        variants: Vec<Variant>,
    ) -> Product {
        Product {
            id: id.into(),
            handle: id.into(),
            title: Localized::new(en, zh),
            description: Localized::default(),
            category: cat.into(),
            tags: vec![],
            options,
            variants,
            image: None,
            url: None,
        }
    }

    fn v(id: &str, opts: &[&str], price: i64, stock: i64) -> Variant {
        Variant {
            id: id.into(),
            options: opts.iter().map(|s| s.to_string()).collect(),
            price,
            compare_at_price: None,
            stock,
            sku: None,
        }
    }

    fn catalog() -> (Vec<Product>, Vec<Category>) {
        let size_color = vec![
            ProductOption {
                name: Localized::new("Size", "尺码"),
                kind: OptionKind::Size,
                values: vec!["M".into(), "L".into()],
                labels: Default::default(),
            },
            ProductOption {
                name: Localized::new("Color", "颜色"),
                kind: OptionKind::Color,
                values: vec!["Black".into(), "Red".into()],
                labels: Default::default(),
            },
        ];
        let products = vec![
            product(
                "hoodie",
                "Cloud Fleece Hoodie",
                "云朵抓绒卫衣",
                "tops",
                size_color.clone(),
                vec![
                    v("h1", &["M", "Black"], 5900, 3),
                    v("h2", &["L", "Red"], 5900, 0),
                ],
            ),
            product(
                "runner",
                "Trail Runner Shoes",
                "越野跑鞋",
                "shoes",
                vec![],
                vec![v("r1", &[], 12900, 5)],
            ),
            product(
                "mug",
                "Red Enamel Mug",
                "红色搪瓷杯",
                "home",
                vec![],
                vec![v("m1", &[], 1800, 10)],
            ),
            product(
                "tee",
                "Organic T-Shirt",
                "有机棉T恤",
                "tops",
                vec![],
                vec![v("t1", &[], 2500, 10)],
            ),
        ];
        let cats = vec![
            Category {
                id: "tops".into(),
                name: Localized::new("Tops", "上衣"),
                synonyms: vec![],
            },
            Category {
                id: "shoes".into(),
                name: Localized::new("Shoes", "鞋"),
                synonyms: vec!["sneakers".into(), "鞋子".into()],
            },
            Category {
                id: "home".into(),
                name: Localized::new("Home", "家居"),
                synonyms: vec!["kitchen".into()],
            },
        ];
        (products, cats)
    }

    fn ids(idx: &ProductIndex, p: &[Product], q: &str, f: &Filter) -> Vec<String> {
        idx.search(q, f, 10)
            .iter()
            .map(|h| p[h.index].id.clone())
            .collect()
    }

    #[test]
    fn exact_partial_and_fuzzy() {
        let (p, c) = catalog();
        let idx = ProductIndex::build(&p, &c);
        let none = Filter::default();
        assert_eq!(
            ids(&idx, &p, "add the Trail Runner Shoes", &none)[0],
            "runner"
        );
        assert!(idx.search("trail runner shoes", &none, 5)[0].exact);
        assert_eq!(ids(&idx, &p, "the hoodie", &none), vec!["hoodie"]);
        assert_eq!(ids(&idx, &p, "hoddie", &none), vec!["hoodie"]);
        assert_eq!(ids(&idx, &p, "trial runer", &none)[0], "runner");
        assert_eq!(ids(&idx, &p, "hood", &none), vec!["hoodie"]);
        assert_eq!(ids(&idx, &p, "那双跑鞋", &none), vec!["runner"]);
        assert_eq!(ids(&idx, &p, "卫衣", &none), vec!["hoodie"]);
        assert_eq!(ids(&idx, &p, "sneakers", &none), vec!["runner"]);
        assert_eq!(ids(&idx, &p, "tshirt", &none), vec!["tee"]);
        assert_eq!(ids(&idx, &p, "t恤", &none), vec!["tee"]);
        assert!(
            ids(&idx, &p, "the weather today", &none).is_empty(),
            "{:?}",
            idx.search("the weather today", &none, 5)
        );
    }

    #[test]
    fn filters() {
        let (p, c) = catalog();
        let idx = ProductIndex::build(&p, &c);
        let cheap = Filter {
            max_price: Some(3000),
            ..Default::default()
        };
        assert_eq!(ids(&idx, &p, "", &cheap), vec!["mug", "tee"]);
        let red = Filter {
            color: Some("red".into()),
            ..Default::default()
        };
        assert_eq!(ids(&idx, &p, "", &red), vec!["mug", "hoodie"]);
        let red_in_stock = Filter {
            color: Some("red".into()),
            in_stock: true,
            size: Some("L".into()),
            ..Default::default()
        };
        assert!(ids(&idx, &p, "hoodie", &red_in_stock).is_empty());
        let m = Filter {
            size: Some("M".into()),
            ..Default::default()
        };
        assert_eq!(ids(&idx, &p, "", &m), vec!["hoodie"]);
        let tops = Filter {
            category: Some("tops".into()),
            ..Default::default()
        };
        assert_eq!(ids(&idx, &p, "", &tops), vec!["tee", "hoodie"]);
    }

    #[test]
    fn norm_into_appends_what_norm_returns() {
        for text in [
            "plain words",
            "Cloud Fleece  Hoodie",
            " T-Shirt ",
            "it's",
            "云朵抓绒卫衣",
            "雲朵 衛衣",
            "ＴＳＨＩＲＴ",
            "",
        ] {
            let mut out = String::from("prefix|");
            norm_into(text, &mut out);
            assert_eq!(out, format!("prefix|{}", norm(text)), "{text:?}");
        }
    }

    #[test]
    fn cover_flags_name_the_title_terms() {
        for title in [
            "cloud fleece hoodie",
            "云朵抓绒卫衣",
            "t-shirt 有机棉t恤 2件",
            "卫 衣 号",
            "号",
            "a b",
            "",
        ] {
            let mut glued = String::new();
            let mut flagged: Vec<String> = Vec::new();
            for_each_term_with(title, 1.0, true, true, &mut glued, &mut |t, _, cover| {
                if cover {
                    flagged.push(t.to_string());
                }
            });
            let mut named: Vec<String> = Vec::new();
            for_each_title_term(title, &mut |t| {
                // a stop character is never a term, so never a coverage term
                let stop = t.chars().count() == 1 && t.chars().all(is_stop_char);
                if !stop {
                    named.push(t.to_string());
                }
            });
            flagged.sort();
            flagged.dedup();
            named.sort();
            named.dedup();
            assert_eq!(flagged, named, "{title:?}");
        }
        let mut out = [0u8; 8];
        assert_eq!(chars_str(&mut out, '卫', Some('衣')), "卫衣");
        assert_eq!(chars_str(&mut out, 't', Some('恤')), "t恤");
        assert_eq!(chars_str(&mut out, '𠀀', None), "𠀀");
        assert_eq!(chars_str(&mut out, '𠀀', Some('𠀁')), "𠀀𠀁");
    }

    #[test]
    fn doc_terms_keep_each_term_once_with_its_best_weight() {
        let mut d = DocTerms::default();
        d.start();
        for (t, w) in [(5, 1.0), (2, 3.0), (5, 2.5), (2, 0.5), (9, 0.3)] {
            d.add(t, w);
        }
        assert_eq!(d.list, vec![(5, 2.5), (2, 3.0), (9, 0.3)]);
        d.start();
        d.add(2, 0.1);
        assert_eq!(d.list, vec![(2, 0.1)]);
    }

    #[test]
    fn terms_are_interned_once() {
        let mut t = Terms::default();
        let words = ["hoody", "卫衣", "h", "hoodie", "", "hoody"];
        let ids: Vec<u32> = words.iter().map(|w| t.intern(w)).collect();
        assert_eq!(ids, vec![0, 1, 2, 3, 4, 0]);
        assert_eq!(t.len(), 5);
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(t.text(*id), *w);
            assert_eq!(t.get(w), Some(*id));
        }
        assert_eq!(t.get("hood"), None);
        // many terms: the table grows and still finds every one
        let many: Vec<u32> = (0..5000).map(|i| t.intern(&format!("w{i}"))).collect();
        assert!((0..5000).all(|i| t.get(&format!("w{i}")) == many.get(i).copied()));
    }

    #[test]
    fn coverage_tells_specific_from_generic() {
        let (p, c) = catalog();
        let idx = ProductIndex::build(&p, &c);
        let h = idx.search("cloud fleece hoodie", &Filter::default(), 3);
        assert_eq!(h[0].coverage, 1.0);
        let h = idx.search("fleece", &Filter::default(), 3);
        assert!(h[0].coverage < 0.5);
    }
}
