// Differential fuzz test: a fixed-seed set of mutants of the fixtures and the frontend corpus
// (character, token, line, indentation, keyword and unicode mutations), plus the stored
// regression cases, each judged by CPython's compile() and by the frontend. They must agree
// on accept/reject, and on a rejection on the error class and line; the frontend must never
// fail with an internal error, and converting accepted mutants must not either.
// CPython's verdicts live in fuzz/cpython-verdicts.json; only a mutant missing from it
// (after fixtures change) needs python3, which then runs once for all of them.
// `npm run fuzz` runs the unbounded random version and adds regression cases.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  compare, type Found, FIXED_COUNT, FIXED_SEED, frontendVerdict, type Ours, loadBases, loadCache, loadRegressions, saveCache, textHash,
  summarize, transpileInternalError, verdictsFor,
} from "./fuzz/harness.js";
import { makeMutant, MUTATION_KINDS } from "./fuzz/mutate.js";

const SEED = FIXED_SEED;
const COUNT = FIXED_COUNT;
/** How many accepted mutants also go through lowering and codegen. */
const TRANSPILE_SAMPLE = 300;

const bases = loadBases();
const mutants = Array.from({ length: COUNT }, (_, i) => makeMutant(SEED, i, bases));
const regressions = loadRegressions();
const cache = loadCache();
const texts = [...mutants.map((m) => m.text), ...regressions.map((r) => r.text)];
const { verdicts, added } = verdictsFor(texts, cache);
// keep the cache to what the current set uses, and write it only if that changed
const used = new Set(texts.map(textHash));
const stale = [...cache.keys()].filter((k) => !used.has(k));
for (const k of stale) cache.delete(k);
if (added > 0 || stale.length > 0) {
  saveCache(cache);
  console.warn(`fuzz: cpython-verdicts.json updated (${added} verdicts added, ${stale.length} dropped); commit it`);
}

/**
 * Disagreements that are known and not fixed yet, by text hash (with their category, for
 * the reader). The test fails on any other disagreement, and on a listed one that now agrees
 * (remove it). `PYTS_FUZZ_WRITE_KNOWN=1 npx vitest run test/frontend/fuzz.test.ts` rewrites it.
 */
const KNOWN_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fuzz/known-disagreements.json");
const known: Record<string, string> = fs.existsSync(KNOWN_FILE) ? JSON.parse(fs.readFileSync(KNOWN_FILE, "utf8")) : {};

const ours: Ours[] = [];
/** The frontend's verdict on texts[i], computed once. */
function oursOf(i: number): Ours {
  return (ours[i] ??= frontendVerdict(texts[i]!));
}

function disagreements(from: number, names: string[]): Found[] {
  const found: Found[] = [];
  names.forEach((name, k) => {
    const text = texts[from + k]!;
    const d = compare(verdicts[from + k]!, oursOf(from + k));
    if (d) found.push({ name, text, d });
  });
  return found;
}

// judging 5,000 mutants takes seconds, more on a busy machine
describe("differential fuzz against CPython's compile()", { timeout: 120_000 }, () => {
  it("has a large mixed set of mutants", () => {
    expect(new Set(mutants.map((m) => m.text)).size).toBeGreaterThan(COUNT * 0.95);
    for (const kind of MUTATION_KINDS) expect(mutants.filter((m) => m.ops[0]!.startsWith(kind + ":")).length).toBeGreaterThan(COUNT / 10);
    const accepted = verdicts.slice(0, COUNT).filter((v) => v === 0).length;
    // both sides of the decision are well represented
    expect(accepted).toBeGreaterThan(COUNT * 0.1);
    expect(COUNT - accepted).toBeGreaterThan(COUNT * 0.1);
  });

  it("agrees on every mutant but the listed known disagreements", () => {
    const found = disagreements(0, mutants.map((m, i) => `#${i} ${m.base} [${m.ops.join(", ")}]`));
    if (process.env.PYTS_FUZZ_WRITE_KNOWN) {
      const table = Object.fromEntries(found.map((f) => [textHash(f.text), f.d.category]).sort());
      fs.writeFileSync(KNOWN_FILE, JSON.stringify(table, null, 1) + "\n");
    }
    const unexpected = found.filter((f) => !(textHash(f.text) in known));
    expect(summarize(unexpected)).toBe(summarize([]));
    const foundHashes = new Set(found.map((f) => textHash(f.text)));
    // a listed disagreement that is gone (fixed, or its mutant no longer generated) leaves the list
    expect(Object.keys(known).filter((h) => !foundHashes.has(h))).toEqual([]);
  });

  it("agrees on every stored regression case", async () => {
    const found = disagreements(COUNT, regressions.map((r) => r.name));
    expect(summarize(found)).toBe(summarize([]));
    const failures: string[] = [];
    for (const [k, r] of regressions.entries()) {
      const error = verdicts[COUNT + k] === 0 ? await transpileInternalError(r.text) : null;
      if (error) failures.push(`${r.name}: ${error}`);
    }
    expect(failures.join("\n")).toBe("");
  });

  it("converts a sample of accepted mutants without an internal error", async () => {
    const accepted = mutants.filter((_, i) => {
      const mine = oursOf(i);
      return verdicts[i] === 0 && "verdict" in mine && mine.verdict === 0;
    });
    const step = Math.max(1, Math.floor(accepted.length / TRANSPILE_SAMPLE));
    const sample = accepted.filter((_, i) => i % step === 0).slice(0, TRANSPILE_SAMPLE);
    expect(sample.length).toBeGreaterThan(Math.min(TRANSPILE_SAMPLE, accepted.length) / 2);
    const failures: string[] = [];
    for (const m of sample) {
      const error = await transpileInternalError(m.text);
      if (error) failures.push(`${m.base} [${m.ops.join(", ")}]: ${error}\n      ${JSON.stringify(m.text.slice(0, 300))}`);
    }
    expect(failures.join("\n")).toBe("");
  }, 120_000);
});
