// Timing shared by the peer benchmarks: warm up, then repeat a batch until the budget is spent.
import { performance } from 'node:perf_hooks';

// Calls batch() (which does `units` units of work) during about `seconds` after a warm-up of a
// third of that; returns units per second. Budget comes from BENCH_SECONDS (default 2).
export function rate(batch, units) {
  const seconds = Number(process.env.BENCH_SECONDS || 2);
  const until = (limit) => {
    let done = 0;
    const start = performance.now();
    let now = start;
    while (now - start < limit * 1000) {
      batch();
      done += units;
      now = performance.now();
    }
    return done / ((now - start) / 1000);
  };
  until(seconds / 3);
  return until(seconds);
}

export async function rateAsync(batch, units) {
  const seconds = Number(process.env.BENCH_SECONDS || 2);
  const until = async (limit) => {
    let done = 0;
    const start = performance.now();
    let now = start;
    while (now - start < limit * 1000) {
      await batch();
      done += units;
      now = performance.now();
    }
    return done / ((now - start) / 1000);
  };
  await until(seconds / 3);
  return until(seconds);
}

// The benches' one output convention: `figure <name>: <number> <unit>`.
export function figure(name, value, unit) {
  const digits = Math.abs(value) >= 100 ? 0 : 2;
  console.log(`figure ${name}: ${value.toFixed(digits)} ${unit}`);
}
