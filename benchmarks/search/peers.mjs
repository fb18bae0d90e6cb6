// Peers for search_quality: MiniSearch and Orama (npm) on the documents and queries search_quality exports.
//
// Usage: node benchmarks/search/peers.mjs DIR NODE_MODULES
//   DIR holds docs.jsonl ({id, lang, country, title, summary, body}) and queries.jsonl ({text}), written by
//   `search_quality --export DIR`; NODE_MODULES is where minisearch and @orama/orama are installed
//   (benchmarks/search/run.sh installs them into the build tree). Writes DIR/<engine>.peer.json:
//   {name, options, build_ms, p50_ms, p99_ms, results: [[doc id, ...] per query, best first]}, which
//   `search_quality --peers DIR` scores with the same code as kwartier and the other baselines.
//
// Both engines use their documented options for typo tolerance and prefix search, the title weighted 5x and
// the summary 2x (as the Xapian and FTS5 baselines), and the same filter country = belgium.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [dir, nodeModules] = process.argv.slice(2);
if (!dir || !nodeModules) {
  console.error('usage: node peers.mjs DIR NODE_MODULES');
  process.exit(2);
}
const readJsonl = (f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.length).map((l) => JSON.parse(l));
const docs = readJsonl('docs.jsonl');
const queries = readJsonl('queries.jsonl');
const require = createRequire(path.join(path.resolve(nodeModules), 'noop.js'));
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(nodeModules, pkg, 'package.json'), 'utf8')).version;
const kRepeats = 5;   // timed passes over the queries (after one warm-up pass)
const kLimit = 50;

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function runEngine(name, options, build, search) {
  const t0 = process.hrtime.bigint();
  const engine = await build();
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const results = [];
  for (const q of queries) results.push(await search(engine, q.text));  // warm-up pass, and the answers
  const times = [];
  for (let r = 0; r < kRepeats; ++r)
    for (const q of queries) {
      const s = process.hrtime.bigint();
      await search(engine, q.text);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  times.sort((a, b) => a - b);
  const out = { name, options, build_ms: buildMs, p50_ms: percentile(times, 50), p99_ms: percentile(times, 99), results };
  fs.writeFileSync(path.join(dir, `${name.split(' ')[0].toLowerCase()}.peer.json`), JSON.stringify(out));
  console.error(`${name}: build ${buildMs.toFixed(0)} ms, p50 ${out.p50_ms.toFixed(3)} ms, p99 ${out.p99_ms.toFixed(3)} ms`);
}

// MiniSearch: fuzzy 0.2 (edit distance up to 20% of the term length, its documented example), prefix search,
// field boosts; terms lower-cased with accents removed (its documented processTerm customisation).
{
  const MiniSearch = require('minisearch');
  const fold = (t) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const options = 'fuzzy: 0.2, prefix: true, boost: {title: 5, summary: 2}, combineWith: OR, processTerm: lower-case + accents removed';
  await runEngine(`MiniSearch ${version('minisearch')}`, options,
    () => {
      const ms = new MiniSearch({
        fields: ['title', 'summary', 'body'],
        storeFields: ['country'],
        processTerm: fold,
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 5, summary: 2 }, combineWith: 'OR' },
      });
      ms.addAll(docs);
      return ms;
    },
    (ms, q) => ms.search(q, { filter: (r) => r.country === 'belgium' }).slice(0, kLimit).map((r) => r.id));
}

// Orama: tolerance 1 (Levenshtein distance of a term), prefix matching (its default, exact: false), property
// boosts, threshold 1 (its default: documents matching any term), where country = belgium.
{
  const orama = require('@orama/orama');
  const options = 'tolerance: 1, exact: false (prefix), boost: {title: 5, summary: 2}, threshold: 1, where: {country: belgium}';
  await runEngine(`Orama ${version('@orama/orama')}`, options,
    async () => {
      const db = orama.create({ schema: { id: 'string', country: 'enum', title: 'string', summary: 'string', body: 'string' } });
      await orama.insertMultiple(db, docs.map((d) => ({ id: d.id, country: d.country, title: d.title, summary: d.summary, body: d.body })));
      return db;
    },
    async (db, q) => {
      const r = await orama.search(db, {
        term: q, properties: ['title', 'summary', 'body'], boost: { title: 5, summary: 2 }, tolerance: 1,
        where: { country: { eq: 'belgium' } }, limit: kLimit,
      });
      return r.hits.map((h) => h.document.id);
    });
}
