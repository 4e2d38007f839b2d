// Native figures for `make bench`: classify throughput and catalog scale
// (criterion, shortened settings) and training time; writes target/bench/native.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
const OUT = path.join(REPO, 'target', 'bench');
// criterion writes under cargo's target dir (CARGO_TARGET_DIR when set)
const CRIT = path.join(process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target'), 'criterion');
const cargo = process.env.CARGO || 'cargo';

function run(args, env = {}) {
  const t = Date.now();
  const p = spawnSync(cargo, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (p.status !== 0) throw new Error(`${cargo} ${args.join(' ')} failed`);
  return (Date.now() - t) / 1000;
}

/** criterion's estimates for one benchmark: mean and median (ns per iteration). */
function estimate(id) {
  const f = path.join(CRIT, id, 'new', 'estimates.json');
  const e = JSON.parse(readFileSync(f, 'utf8'));
  return { mean_ns: e.mean.point_estimate, median_ns: e.median.point_estimate };
}

// synthetic::QUERIES.len(): one iteration of catalog_*/lookup/queries runs each once
const QUERIES = (readFileSync(path.join(REPO, 'tests/conversations/synthetic.rs'), 'utf8').match(/pub const QUERIES[^;]*?\];/s)?.[0].match(/^\s+"/gm) || []).length || 1;
mkdirSync(OUT, { recursive: true });
const short = ['--warm-up-time', '1', '--measurement-time', '3'];
run(['bench', '--bench', 'classify', '--', ...short]);
const batch = estimate('classify/bilingual_batch_of_8');
const load = estimate('load_model');
run(['bench', '--bench', 'catalog']);
const catalog = {};
for (const size of ['1k', '10k', '50k']) {
  const g = `catalog_${size}`;
  catalog[size] = {
    load_index_ms: +(estimate(`${g}/load_index`).median_ns / 1e6).toFixed(2),
    lookup_us: Object.fromEntries(['en', 'zh', 'typo'].map((k) => [k, +(estimate(`${g}/lookup/${k}`).median_ns / 1e3).toFixed(1)])),
    shopper_queries_mean_us: +(estimate(`${g}/lookup_queries`).median_ns / 1e3 / QUERIES).toFixed(1),
  };
}
// training from scratch, as `make model` does it (written elsewhere: model/ is not touched)
run(['build', '--release', '--quiet']);
const trainOut = path.join(OUT, 'train-check.onnx');
const train_s = run(['run', '--release', '--quiet', '--', 'train', '--out', trainOut]);
const native = {
  classify: {
    what: 'OnnxIntentClassifier::classify (text analysis + featuriser + tract), bilingual batch of 8, criterion median',
    us_per_message: +(batch.median_ns / 8 / 1e3).toFixed(2),
    messages_per_second: Math.round(8e9 / batch.median_ns),
    model_load_ms: +(load.median_ns / 1e6).toFixed(2),
  },
  catalog_scale: catalog,
  training: { seconds: +train_s.toFixed(1), what: 'cargo run --release -- train --out target/bench/train-check.onnx (already built)' },
  cpu_threads_rustc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
};
writeFileSync(path.join(OUT, 'native.json'), JSON.stringify(native, null, 2));
console.log(JSON.stringify(native, null, 2));
if (!existsSync(trainOut)) throw new Error('training wrote no model');
