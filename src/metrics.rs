//! Classification metrics shared by `shopkeep eval` and the trainer's held-out
//! report: accuracy, macro-F1, a per-intent table and the top confusions.

use crate::intent::Intent;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One scored prediction: the accepted labels and the predicted one.
#[derive(Debug, Clone)]
pub struct Scored {
    pub accept: Vec<Intent>,
    pub predicted: Intent,
}

impl Scored {
    pub fn correct(&self) -> bool {
        self.accept.contains(&self.predicted)
    }
}

/// Per-intent precision/recall/F1 with its support.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IntentScore {
    pub support: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Aggregated metrics over a set of predictions.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub total: usize,
    pub correct: usize,
    pub per_intent: BTreeMap<Intent, IntentScore>,
    /// (gold, predicted) → count, gold being the first accepted label.
    pub confusions: BTreeMap<(Intent, Intent), usize>,
}

impl Report {
    /// Scores predictions. With several accepted labels, a hit counts for the
    /// predicted label and a miss against the first accepted one.
    pub fn new(items: &[Scored]) -> Report {
        let mut tp: BTreeMap<Intent, usize> = BTreeMap::new();
        let mut fp: BTreeMap<Intent, usize> = BTreeMap::new();
        let mut support: BTreeMap<Intent, usize> = BTreeMap::new();
        let mut confusions = BTreeMap::new();
        let mut correct = 0;
        for item in items {
            let Some(&first) = item.accept.first() else {
                continue;
            };
            let gold = if item.correct() {
                item.predicted
            } else {
                first
            };
            *support.entry(gold).or_default() += 1;
            if item.correct() {
                correct += 1;
                *tp.entry(gold).or_default() += 1;
            } else {
                *fp.entry(item.predicted).or_default() += 1;
                *confusions.entry((gold, item.predicted)).or_default() += 1;
            }
        }
        let mut per_intent = BTreeMap::new();
        for &intent in Intent::ALL {
            let s = support.get(&intent).copied().unwrap_or(0);
            let t = tp.get(&intent).copied().unwrap_or(0) as f64;
            let f = fp.get(&intent).copied().unwrap_or(0) as f64;
            if s == 0 && f == 0.0 {
                continue;
            }
            let precision = if t + f > 0.0 { t / (t + f) } else { 0.0 };
            let recall = if s > 0 { t / s as f64 } else { 0.0 };
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            per_intent.insert(
                intent,
                IntentScore {
                    support: s,
                    precision,
                    recall,
                    f1,
                },
            );
        }
        Report {
            total: items.len(),
            correct,
            per_intent,
            confusions,
        }
    }

    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// Mean F1 over intents that occur as gold labels.
    pub fn macro_f1(&self) -> f64 {
        let scored: Vec<f64> = self
            .per_intent
            .values()
            .filter(|s| s.support > 0)
            .map(|s| s.f1)
            .collect();
        if scored.is_empty() {
            0.0
        } else {
            scored.iter().sum::<f64>() / scored.len() as f64
        }
    }

    /// The most frequent (gold, predicted) mistakes, most frequent first.
    pub fn top_confusions(&self, n: usize) -> Vec<((Intent, Intent), usize)> {
        let mut v: Vec<_> = self.confusions.iter().map(|(k, c)| (*k, *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// A plain-text report: headline, per-intent table, top confusions.
    pub fn render(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{title}: accuracy {:.2}% ({}/{}), macro-F1 {:.3}",
            100.0 * self.accuracy(),
            self.correct,
            self.total,
            self.macro_f1()
        );
        let _ = writeln!(
            s,
            "  {:<16} {:>7} {:>9} {:>7} {:>7}",
            "intent", "support", "precision", "recall", "f1"
        );
        for (intent, sc) in &self.per_intent {
            let _ = writeln!(
                s,
                "  {:<16} {:>7} {:>9.3} {:>7.3} {:>7.3}",
                intent.as_str(),
                sc.support,
                sc.precision,
                sc.recall,
                sc.f1
            );
        }
        let top = self.top_confusions(10);
        if !top.is_empty() {
            let _ = writeln!(s, "  top confusions (gold -> predicted):");
            for ((g, p), c) in top {
                let _ = writeln!(s, "    {:>4}  {} -> {}", c, g.as_str(), p.as_str());
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accuracy_f1_and_confusions() {
        let items = vec![
            Scored {
                accept: vec![Intent::Greet],
                predicted: Intent::Greet,
            },
            Scored {
                accept: vec![Intent::Greet],
                predicted: Intent::Deny,
            },
            Scored {
                accept: vec![Intent::Deny],
                predicted: Intent::Deny,
            },
            Scored {
                accept: vec![Intent::OrderStatus, Intent::ShippingInfo],
                predicted: Intent::ShippingInfo,
            },
        ];
        let r = Report::new(&items);
        assert_eq!(r.correct, 3);
        assert!((r.accuracy() - 0.75).abs() < 1e-9);
        assert_eq!(r.per_intent[&Intent::Greet].recall, 0.5);
        assert_eq!(r.per_intent[&Intent::Deny].precision, 0.5);
        assert_eq!(
            r.top_confusions(5),
            vec![((Intent::Greet, Intent::Deny), 1)]
        );
        assert!(r.render("t").contains("greet -> deny"));
    }
}
