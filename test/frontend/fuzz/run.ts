// The driver of `npm run fuzz` (bundled and started by scripts/fuzz.mjs).
//   default      random seeds, mutants until interrupted (or --count N); every disagreement
//                with CPython whose category has no failing regression case yet is shrunk
//                (lines deleted while it persists) and written to fuzz/regressions/, with
//                CPython's verdict added to cpython-verdicts.json, so the test checks it.
//   --triage     the test's fixed set, summarised by category (--examples K per category).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  compare, CpythonOracle, type Disagreement, FIXED_COUNT, FIXED_SEED, type Found, frontendVerdict, loadBases, loadCache,
  loadRegressions, REGRESSIONS_DIR, saveCache, summarize, textHash, transpileInternalError, verdictsFor,
} from "./harness.js";
import { makeMutant } from "./mutate.js";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function triage(examples: number): number {
  const bases = loadBases();
  const mutants = Array.from({ length: FIXED_COUNT }, (_, i) => makeMutant(FIXED_SEED, i, bases));
  const regressions = loadRegressions();
  const cache = loadCache();
  const texts = [...mutants.map((m) => m.text), ...regressions.map((r) => r.text)];
  const { verdicts, added } = verdictsFor(texts, cache);
  if (added > 0) saveCache(cache);
  const names = [...mutants.map((m, i) => `#${i} ${m.base} [${m.ops.join(", ")}]`), ...regressions.map((r) => r.name)];
  const found: Found[] = [];
  texts.forEach((text, i) => {
    const d = compare(verdicts[i]!, frontendVerdict(text));
    if (d) found.push({ name: names[i]!, text, d });
  });
  console.log(summarize(found, examples));
  return found.length > 0 ? 1 : 0;
}

/** The disagreement on `text`, if any (the whole conversion too, for accepted sources). */
async function check(text: string, oracle: CpythonOracle, convert: boolean): Promise<Disagreement | null> {
  const cpython = await oracle.verdict(text);
  const ours = frontendVerdict(text);
  const d = compare(cpython, ours);
  if (d || !convert || cpython !== 0) return d;
  const internal = await transpileInternalError(text);
  return internal ? { category: "internal error in conversion", detail: internal } : null;
}

/** Deletes runs of lines (halving the run length) while the same category of disagreement stays. */
async function shrink(text: string, category: string, oracle: CpythonOracle, convert: boolean): Promise<string> {
  let lines = text.split("\n");
  for (let chunk = Math.max(1, Math.floor(lines.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < lines.length;) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + chunk)];
      const d = candidate.length > 0 ? await check(candidate.join("\n"), oracle, convert) : null;
      if (d?.category === category) lines = candidate;
      else start += chunk;
    }
  }
  return lines.join("\n");
}

function slug(category: string): string {
  return category.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 48);
}

async function fuzz(args: string[]): Promise<number> {
  const count = Number(option(args, "--count") ?? Infinity);
  const seed = Number(option(args, "--seed") ?? createHash("sha256").update(String(Date.now() + Math.random())).digest().readUInt32LE(0));
  const bases = loadBases();
  const oracle = new CpythonOracle();
  const cache = loadCache();
  // categories that already have a failing regression case need no new one
  const covered = new Set<string>();
  const regressions = loadRegressions();
  const { verdicts } = verdictsFor(regressions.map((r) => r.text), cache);
  regressions.forEach((r, i) => {
    const d = compare(verdicts[i]!, frontendVerdict(r.text));
    if (d) covered.add(d.category);
  });
  let stop = false;
  process.on("SIGINT", () => {
    stop = true;
  });
  console.log(`fuzzing with seed ${seed} (Ctrl-C to stop); ${covered.size} categories already have regression cases`);
  const counts = new Map<string, number>();
  let done = 0;
  for (let i = 0; i < count && !stop; i++, done++) {
    const m = makeMutant(seed, i, bases);
    const convert = i % 10 === 0;
    const d = await check(m.text, oracle, convert);
    if (d) {
      counts.set(d.category, (counts.get(d.category) ?? 0) + 1);
      if (!covered.has(d.category)) {
        covered.add(d.category);
        const small = await shrink(m.text, d.category, oracle, convert);
        if (!existsSync(REGRESSIONS_DIR)) mkdirSync(REGRESSIONS_DIR, { recursive: true });
        const file = join(REGRESSIONS_DIR, `${slug(d.category)}-${textHash(small).slice(0, 8)}.py`);
        writeFileSync(file, small);
        cache.set(textHash(small), await oracle.verdict(small));
        saveCache(cache);
        console.log(`new: ${d.category}\n  ${file} (from seed ${seed} mutant ${i}: ${m.base} [${m.ops.join(", ")}])`);
      }
    }
    if ((i + 1) % 1000 === 0) console.log(`${i + 1} mutants, ${[...counts.values()].reduce((a, b) => a + b, 0)} disagreements`);
  }
  oracle.close();
  console.log(`${done} mutants of seed ${seed}; disagreements by category:`);
  for (const [category, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${category}`);
  return counts.size > 0 ? 1 : 0;
}

export async function main(args: string[]): Promise<number> {
  if (args.includes("--triage")) return triage(Number(option(args, "--examples") ?? 1));
  return fuzz(args);
}
