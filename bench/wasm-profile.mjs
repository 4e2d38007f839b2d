// What the wasm bytes are: code per crate (from the name section) and data.
// Usage: node bench/wasm-profile.mjs FILE.wasm [--top N] [--json OUT]
// Needs a build that keeps the name section (the shipped one strips it):
//   CARGO_PROFILE_RELEASE_WEB_STRIP=false cargo build --lib --target wasm32-unknown-unknown \
//     --profile release-web --no-default-features --features web
// Code sizes are the same with or without names; only the name section differs.
import { readFileSync, writeFileSync } from 'node:fs';

function leb(buf, pos) {
  let result = 0, shift = 0, b;
  do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [result, pos];
}

export function profile(buf) {
  let pos = 8;
  const sections = [];
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const start = pos, end = pos + size;
    let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] || `id${id}`;
    if (id === 0) {
      let n; [n, pos] = leb(buf, pos);
      name = 'custom:' + buf.subarray(pos, pos + n).toString('utf8');
      pos += n;
      if (name === 'custom:name') {
        while (pos < end) {
          const sub = buf[pos++];
          let len; [len, pos] = leb(buf, pos);
          const subEnd = pos + len;
          if (sub === 1) {
            let count; [count, pos] = leb(buf, pos);
            for (let i = 0; i < count; i++) {
              let idx, l; [idx, pos] = leb(buf, pos); [l, pos] = leb(buf, pos);
              names.set(idx, buf.subarray(pos, pos + l).toString('utf8'));
              pos += l;
            }
          }
          pos = subEnd;
        }
      }
    } else if (id === 2) {
      let count; [count, pos] = leb(buf, pos);
      for (let i = 0; i < count; i++) {
        let l; [l, pos] = leb(buf, pos); pos += l; // module
        [l, pos] = leb(buf, pos); pos += l; // field
        const kind = buf[pos++];
        if (kind === 0) { let t; [t, pos] = leb(buf, pos); importedFuncs++; }
        else if (kind === 1) { pos++; let f; [f, pos] = leb(buf, pos); let x; [x, pos] = leb(buf, pos); if (f & 1) [x, pos] = leb(buf, pos); }
        else if (kind === 2) { let f; [f, pos] = leb(buf, pos); let x; [x, pos] = leb(buf, pos); if (f & 1) [x, pos] = leb(buf, pos); }
        else if (kind === 3) { pos += 2; }
        else if (kind === 4) { pos++; let t; [t, pos] = leb(buf, pos); }
      }
    } else if (id === 10) {
      let count; [count, pos] = leb(buf, pos);
      for (let i = 0; i < count; i++) {
        let l; const p0 = pos; [l, pos] = leb(buf, pos);
        bodies.push(l + (pos - p0));
        pos += l;
      }
    } else if (id === 11) {
      data = size;
    }
    sections.push({ name, bytes: end - start });
    pos = end;
  }
  const funcs = bodies.map((bytes, i) => ({ name: names.get(importedFuncs + i) || `func${importedFuncs + i}`, bytes }));
  return { sections, funcs, data };
}

/** Readable form of a legacy-mangled Rust symbol (`_ZN7ndarray3zip…E` → `ndarray::zip::…`). */
export function demangle(name) {
  if (!name.startsWith('_ZN')) return name;
  const parts = [];
  let i = 3;
  while (i < name.length && name[i] !== 'E') {
    let j = i;
    while (/[0-9]/.test(name[j])) j++;
    const n = Number(name.slice(i, j));
    if (!n) break;
    parts.push(name.slice(j, j + n));
    i = j + n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('::')
    .replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}')
    .replace(/\$C\$/g, ',').replace(/\$RF\$/g, '&').replace(/\$BP\$/g, '*').replace(/\$u27\$/g, "'").replace(/\$u5b\$/g, '[').replace(/\$u5d\$/g, ']')
    .replace(/\.\./g, '::').replace(/^_</, '<');
}

/** The crate a function belongs to: the first path segment of its (self) type. */
export function crateOf(name) {
  const d = demangle(name);
  const m = d.replace(/^[<&*\s]+|^(mut |dyn |const )+/g, '').match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  if (!m) return name.startsWith('func') ? '(unnamed)' : '(other)';
  return m[1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
  const buf = readFileSync(file);
  const { sections, funcs, data } = profile(buf);
  const code = funcs.reduce((a, f) => a + f.bytes, 0);
  const byCrate = new Map();
  for (const f of funcs) {
    const c = crateOf(f.name);
    const e = byCrate.get(c) || { crate: c, bytes: 0, funcs: 0 };
    e.bytes += f.bytes; e.funcs += 1; byCrate.set(c, e);
  }
  const crates = [...byCrate.values()].sort((a, b) => b.bytes - a.bytes);
  const biggest = [...funcs].sort((a, b) => b.bytes - a.bytes).slice(0, top);
  const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
  console.log(`${file}: ${kb(buf.length)} total, code ${kb(code)} in ${funcs.length} functions, data ${kb(data)}`);
  console.log('sections:', sections.map((s) => `${s.name} ${(s.bytes / 1024).toFixed(0)}K`).join(', '));
  console.log('\ncode by crate:');
  for (const c of crates.slice(0, top)) console.log(`${kb(c.bytes)} ${(100 * c.bytes / code).toFixed(1).padStart(5)}%  ${String(c.funcs).padStart(6)} fns  ${c.crate}`);
  console.log('\nbiggest functions:');
  for (const f of biggest) console.log(`${kb(f.bytes)}  ${demangle(f.name).slice(0, 150)}`);
  const j = process.argv.indexOf('--json');
  if (j > 0) writeFileSync(process.argv[j + 1], JSON.stringify({ total: buf.length, code, data, sections, crates }, null, 2));
}
