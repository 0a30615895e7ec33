// The differential fuzz harness: base files, CPython's verdicts (cached in the repository by
// a hash of the source text), the frontend's verdict, and how the two are compared. Used by
// test/frontend/fuzz.test.ts (the fixed-seed set) and scripts/fuzz.mjs (`npm run fuzz`).
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { DiagnosticError } from "../../../src/frontend/ast.js";
import { syntaxErrorClass } from "../../../src/frontend/errors.js";
import { parsePython } from "../../../src/frontend/parse.js";
import { transpile } from "../../../src/transpile.js";
import type { BaseFile } from "./mutate.js";

/** The fixed set the test checks: mutants 0..FIXED_COUNT-1 of FIXED_SEED. */
export const FIXED_SEED = 20260701;
export const FIXED_COUNT = 5000;

/** 0: accepted; otherwise [class, line, offset (1-based, may be null), message]. */
export type Verdict = 0 | [string, number | null, number | null, string];

/** The repository root: the nearest folder above this module with a package.json (this
 * module also runs bundled into .tmp/ by scripts/fuzz.mjs). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const ROOT = findRoot();
export const FUZZ_DIR = join(ROOT, "test", "frontend", "fuzz");
export const CACHE_FILE = join(FUZZ_DIR, "cpython-verdicts.json");
export const REGRESSIONS_DIR = join(FUZZ_DIR, "regressions");
const ORACLE = join(FUZZ_DIR, "cpython_verdict.py");

function pyFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(pyFiles(p));
    else if (name.endsWith(".py")) out.push(p);
  }
  return out;
}

/** The fixtures and the frontend corpus, sorted by path so the mutant set is stable. */
export function loadBases(): BaseFile[] {
  const files = [...pyFiles(join(ROOT, "fixtures")), ...pyFiles(join(ROOT, "test", "frontend", "corpus"))];
  return files.map((f) => relative(ROOT, f)).sort().map((name) => ({ name, text: readFileSync(join(ROOT, name), "utf8") }));
}

/** Stored regression cases: sources on which pyts once disagreed with CPython. */
export function loadRegressions(): BaseFile[] {
  if (!existsSync(REGRESSIONS_DIR)) return [];
  return readdirSync(REGRESSIONS_DIR).filter((n) => n.endsWith(".py")).sort()
    .map((n) => ({ name: `regressions/${n}`, text: readFileSync(join(REGRESSIONS_DIR, n), "utf8") }));
}

export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);
}

export type VerdictCache = Map<string, Verdict>;

export function loadCache(): VerdictCache {
  if (!existsSync(CACHE_FILE)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(CACHE_FILE, "utf8")) as Record<string, Verdict>));
}

/** One entry per line, sorted, so that merges and diffs stay readable. */
export function saveCache(cache: VerdictCache): void {
  const keys = [...cache.keys()].sort();
  const body = keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(cache.get(k))}`).join(",\n");
  writeFileSync(CACHE_FILE, `{\n${body}\n}\n`);
}

/** CPython's verdicts on many sources, from one python3 process. */
export function cpythonVerdicts(texts: string[]): Verdict[] {
  if (texts.length === 0) return [];
  const input = texts.map((t) => JSON.stringify(t)).join("\n") + "\n";
  const out = execFileSync("python3", [ORACLE], { input, maxBuffer: 1 << 28, env: { ...process.env, PYTHONIOENCODING: "utf-8" } }).toString("utf8");
  const verdicts = out.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Verdict);
  if (verdicts.length !== texts.length) throw new Error(`cpython_verdict.py answered ${verdicts.length} of ${texts.length} sources`);
  return verdicts;
}

/** A python3 process kept running for the unbounded fuzzer: one source in, one verdict out. */
export class CpythonOracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((v: Verdict) => void)[] = [];
  constructor() {
    this.child = spawn("python3", [ORACLE], { env: { ...process.env, PYTHONIOENCODING: "utf-8" } });
    createInterface({ input: this.child.stdout }).on("line", (line) => this.waiting.shift()?.(JSON.parse(line) as Verdict));
  }
  verdict(text: string): Promise<Verdict> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(JSON.stringify(text) + "\n");
    });
  }
  close(): void {
    this.child.stdin.end();
  }
}

/** Verdicts for all texts: from the cache, else from python3 (added to the cache). */
export function verdictsFor(texts: string[], cache: VerdictCache): { verdicts: Verdict[]; added: number } {
  const keys = texts.map(textHash);
  const missing = [...new Set(keys.filter((k) => !cache.has(k)))];
  if (missing.length > 0) {
    const textOf = new Map(keys.map((k, i) => [k, texts[i]!]));
    const computed = cpythonVerdicts(missing.map((k) => textOf.get(k)!));
    missing.forEach((k, i) => cache.set(k, computed[i]!));
  }
  return { verdicts: keys.map((k) => cache.get(k)!), added: missing.length };
}

export type Ours = { verdict: Verdict } | { internal: string };

/** The frontend's verdict; anything thrown that is not a diagnostic is an internal error. */
export function frontendVerdict(text: string): Ours {
  try {
    parsePython(text, "x.py");
    return { verdict: 0 };
  } catch (e) {
    if (e instanceof DiagnosticError) {
      const d = e.diagnostics[0]!;
      return { verdict: [syntaxErrorClass(d), d.line, d.col + 1, d.message] };
    }
    return { internal: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Runs the whole conversion; returns the internal error's text, or null if there was none. */
export async function transpileInternalError(text: string): Promise<string | null> {
  try {
    await transpile(text, { filename: "x.py", format: false });
    return null;
  } catch (e) {
    if (e instanceof DiagnosticError) return null; // a located diagnostic ("unsupported ...") is allowed
    return e instanceof Error ? `${e.name}: ${e.message}`.split("\n")[0]! : String(e);
  }
}

export interface Disagreement {
  /** a short label that groups similar disagreements */
  category: string;
  detail: string;
}

/** Message with names, numbers and quoted text blanked, to group disagreements. */
export function messageShape(message: string): string {
  return message.replace(/U\+[0-9A-F]+/g, "U+XXXX").replace(/'[^']*'/g, "'…'").replace(/\d+/g, "N").replace(/\(detected at line N\)/, "").trim();
}

function describe(v: Verdict): string {
  return v === 0 ? "accepted" : `${v[0]} line ${v[1]}${v[2] !== null ? ` col ${v[2]}` : ""}: ${v[3]}`;
}

/**
 * The rules of agreement: the same accept/reject decision, and for a rejection the same
 * error class (SyntaxError, IndentationError, TabError) and the same line. Exceptions that
 * are not SyntaxErrors in CPython (MemoryError for absurd nesting) only require a rejection.
 */
export function compare(cpython: Verdict, ours: Ours): Disagreement | null {
  if ("internal" in ours) return { category: "internal error", detail: `${ours.internal} (CPython: ${describe(cpython)})` };
  const mine = ours.verdict;
  if (cpython === 0 && mine === 0) return null;
  if (cpython === 0) return { category: `rejects valid: ${messageShape(mine !== 0 ? mine[3] : "")}`, detail: `pyts ${describe(mine)}` };
  if (mine === 0) return { category: `accepts invalid: ${messageShape(cpython[3])}`, detail: `CPython ${describe(cpython)}` };
  const syntaxClasses = ["SyntaxError", "IndentationError", "TabError"];
  if (!syntaxClasses.includes(cpython[0])) return null;
  const detail = `CPython ${describe(cpython)}; pyts ${describe(mine)}`;
  if (cpython[0] !== mine[0]) return { category: `class ${cpython[0]} vs ${mine[0]}: ${messageShape(cpython[3])}`, detail };
  if (cpython[1] !== mine[1]) return { category: `line: ${messageShape(cpython[3])}`, detail };
  return null;
}

export interface Found {
  name: string;
  text: string;
  d: Disagreement;
}

/** A readable account: counts per category, most frequent first, with a few examples each. */
export function summarize(found: Found[], examples = 2): string {
  const groups = new Map<string, Found[]>();
  for (const f of found) groups.set(f.d.category, [...(groups.get(f.d.category) ?? []), f]);
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const lines = [`${found.length} disagreements in ${groups.size} categories`];
  for (const [category, list] of sorted) {
    lines.push(`${list.length} × ${category}`);
    // the shortest examples are the easiest to read
    for (const f of [...list].sort((a, b) => a.text.length - b.text.length).slice(0, examples)) {
      const text = f.text.length > 300 ? f.text.slice(0, 300) + "…" : f.text;
      lines.push(`    ${f.name}: ${f.d.detail}\n      ${JSON.stringify(text)}`);
    }
  }
  return lines.join("\n");
}
