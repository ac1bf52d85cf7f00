// json-rules-engine on the benchmark's 100-rule, 6-input table (tests/data/bench, made by
// tests/bench/gen_table_100.py), collect-all: every rule is evaluated and every matching rule's
// event is collected. The facts stream is evaluated in order, round robin. Prints evaluations/s
// and the mean number of matching rules (the same figure every engine must print).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { rateAsync, figure } from './measure.js';

const data = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'bench');
const rules = JSON.parse(readFileSync(join(data, 'table_100.rules.json'), 'utf8'));
// json-rules-engine has no money type: price goes in as its minor units.
const facts = JSON.parse(readFileSync(join(data, 'facts_100.json'), 'utf8'))
  .map((f) => ({ ...f, price: f.price.amount_minor }));

const engine = new Engine(rules, { allowUndefinedFacts: false });

let next = 0;
const BATCH = 50;

async function batch() {
  for (let i = 0; i < BATCH; i++) {
    await engine.run(facts[next]);
    next = (next + 1) % facts.length;
  }
}

// One full pass first: its mean is the cross-check against the other engines.
let matched = 0;
for (const f of facts) matched += (await engine.run(f)).events.length;
figure('json_rules_engine_mean_matching_rules', matched / facts.length, 'rules');
figure('json_rules_engine_evaluations_per_s', await rateAsync(batch, BATCH), 'evaluations/s');
