// Deterministic mutants of Python sources for the differential fuzz test: every mutant is a
// function of (seed, index, base files) only, so the fixed-seed set is the same on every run
// and its CPython verdicts can be cached by the mutant's text.

/** A small fast PRNG (mulberry32): the same seed gives the same stream on every platform. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Mixes a seed and an index into one 32-bit seed (so mutant i does not depend on mutant i-1). */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export type MutationKind = "char" | "token" | "line" | "indent" | "keyword" | "unicode";
export const MUTATION_KINDS: readonly MutationKind[] = ["char", "token", "line", "indent", "keyword", "unicode"];

export interface Mutant {
  /** base file (relative path) and the line window it was cut from */
  base: string;
  /** the mutations applied, in order, e.g. "token:delete@3" */
  ops: string[];
  text: string;
}

const KEYWORDS = [
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
  "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
  "with", "yield",
  // soft keywords and names that older Pythons treated as statements
  "match", "case", "_", "type", "print", "exec",
];

const OPERATORS = [
  "(", ")", "[", "]", "{", "}", ":", ";", ",", ".", "...", "=", "==", "!=", "<", ">", "<=", ">=",
  "+", "-", "*", "**", "/", "//", "%", "@", "|", "&", "^", "~", "<<", ">>", "+=", "-=", "*=",
  ":=", "->", "!", "$", "?", "`", "\\", "'", '"', '"""', "#", "*args", "**kw", "lambda:",
];

/** Single characters that matter to Python's tokenizer. */
const ASCII_POOL = "()[]{}:;,.=+-*/%@<>!&|^~'\"#\\ \t\n\r\f\v0123456789abcxyz_ABEJLNORUXjeol\x00\x1b`$?";

/** Code points that test identifier rules, unicode whitespace and confusable punctuation. */
const UNICODE_POOL = [
  "é", "ñ", "ß", "Ω", "λ", "π", "Д", "ж", "中", "文", "あ", "한", "ا", "ע", // letters
  "Ａ", "ｘ", "ℌ", "ª", "ﬁ", "ⅷ", "℘", "℮", "゛", "·", "᧚", "\u0301", "\u0660", "٣", "１", "²", "½", // NFKC, Other_ID_*, marks, digits
  "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\u200d", "\ufeff", "\u2003", "\u0085", "\u200e", // spaces, zero-width, bidi
  "“", "”", "‘", "’", "–", "—", "≠", "≤", "×", "÷", "∑", "√", "…", "€", "°", "§", // confusables, symbols
  "😀", "𝔘", "𝟙", "𐐀", "🐍", "\u{e0041}", // astral: emoji, math letters, tags
  "\u0378", "\ufffd", "\u{10ffff}", // unassigned, replacement, last code point
];

interface Token {
  from: number;
  to: number;
  text: string;
}

/** A rough tokenizer (names, numbers, strings, operators, comments): good enough to mutate. */
export function roughTokens(text: string): Token[] {
  const re = /[rRbBuUfF]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|#[^\n]*|[\p{L}\p{N}_]+|\*\*=?|\/\/=?|<<=?|>>=?|\.\.\.|[-+*/%@&|^<>=!:]=|->|\S/gu;
  const out: Token[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ from: m.index, to: m.index + m[0].length, text: m[0] });
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** A random position at a token boundary (or anywhere if the text has no tokens). */
function boundary(rng: Rng, text: string, tokens: Token[]): number {
  if (tokens.length === 0) return rng.int(text.length + 1);
  const t = rng.pick(tokens);
  return rng.chance(0.5) ? t.from : t.to;
}

function mutateChar(rng: Rng, text: string): [string, string] {
  const at = rng.int(text.length + 1);
  const ch = ASCII_POOL[rng.int(ASCII_POOL.length)]!;
  switch (rng.int(3)) {
    case 0:
      return [splice(text, at, at + 1, ""), "char:delete"];
    case 1:
      return [splice(text, at, at, ch), "char:insert"];
    default:
      return [splice(text, at, at + 1, ch), "char:replace"];
  }
}

function mutateToken(rng: Rng, text: string): [string, string] {
  const tokens = roughTokens(text);
  if (tokens.length === 0) return mutateChar(rng, text);
  const i = rng.int(tokens.length);
  const t = tokens[i]!;
  switch (rng.int(5)) {
    case 0:
      return [splice(text, t.from, t.to, ""), "token:delete"];
    case 1:
      return [splice(text, t.to, t.to, rng.pick([" ", ""]) + t.text), "token:duplicate"];
    case 2: {
      const u = tokens[i + 1];
      if (!u) return [splice(text, t.from, t.to, ""), "token:delete"];
      return [text.slice(0, t.from) + u.text + text.slice(t.to, u.from) + t.text + text.slice(u.to), "token:swap"];
    }
    case 3:
      return [splice(text, t.from, t.to, rng.pick(tokens).text), "token:replace"];
    default:
      return [splice(text, t.from, t.to, rng.pick(OPERATORS)), "token:operator"];
  }
}

function mutateLine(rng: Rng, text: string): [string, string] {
  const lines = text.split("\n");
  const i = rng.int(lines.length);
  const j = Math.min(lines.length - 1, i + 1);
  switch (rng.int(6)) {
    case 0:
      lines.splice(i, 1);
      return [lines.join("\n"), "line:delete"];
    case 1:
      lines.splice(i, 0, lines[i]!);
      return [lines.join("\n"), "line:duplicate"];
    case 2:
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return [lines.join("\n"), "line:swap"];
    case 3: {
      const [moved] = lines.splice(i, 1);
      lines.splice(rng.int(lines.length + 1), 0, moved!);
      return [lines.join("\n"), "line:move"];
    }
    case 4: {
      if (j === i) return [text, "line:join-none"];
      const joiner = rng.pick([" ", "; ", " \\", ""]);
      lines.splice(i, 2, lines[i]! + joiner + (joiner === " \\" ? "\n" : "") + lines[j]!.trimStart());
      return [lines.join("\n"), "line:join"];
    }
    default: {
      const tokens = roughTokens(text);
      const at = boundary(rng, text, tokens);
      return [splice(text, at, at, rng.pick(["\n", "\n    ", "\\\n", "\n\n"])), "line:split"];
    }
  }
}

function mutateIndent(rng: Rng, text: string): [string, string] {
  const lines = text.split("\n");
  const i = rng.int(lines.length);
  const run = rng.chance(0.5) ? 1 : 1 + rng.int(6);
  const unit = rng.pick([" ", "  ", "    ", "\t", "        ", "\f"]);
  const op = rng.int(4);
  for (let k = i; k < Math.min(lines.length, i + run); k++) {
    const line = lines[k]!;
    const indent = /^[ \t\f]*/.exec(line)![0];
    if (op === 0) lines[k] = unit + line;
    else if (op === 1) lines[k] = line.slice(Math.min(indent.length, unit.length));
    else if (op === 2) lines[k] = indent.replace(/ {4}|\t/g, (m) => (m === "\t" ? "    " : "\t")) + line.slice(indent.length);
    else lines[k] = line.slice(indent.length);
  }
  return [lines.join("\n"), ["indent:add", "indent:remove", "indent:tabs", "indent:strip"][op]! + (run > 1 ? "-block" : "")];
}

function mutateKeyword(rng: Rng, text: string): [string, string] {
  const tokens = roughTokens(text);
  const kw = rng.pick(KEYWORDS);
  const names = tokens.filter((t) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(t.text));
  if (names.length > 0 && rng.chance(0.4)) {
    const t = rng.pick(names);
    return [splice(text, t.from, t.to, kw), "keyword:replace"];
  }
  if (rng.chance(0.3)) {
    // a keyword at the start of a line, where statements begin
    const starts = lineStarts(text);
    const s = rng.pick(starts);
    const indent = /^[ \t]*/.exec(text.slice(s))![0].length;
    return [splice(text, s + indent, s + indent, kw + " "), "keyword:line-start"];
  }
  const at = boundary(rng, text, tokens);
  return [splice(text, at, at, rng.pick([" ", ""]) + kw + rng.pick([" ", ""])), "keyword:insert"];
}

function mutateUnicode(rng: Rng, text: string): [string, string] {
  const ch = rng.pick(UNICODE_POOL);
  const tokens = roughTokens(text);
  const names = tokens.filter((t) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(t.text));
  if (names.length > 0 && rng.chance(0.5)) {
    // inside or next to an identifier, where identifier rules apply
    const t = rng.pick(names);
    const at = t.from + rng.int(t.to - t.from + 1);
    return [splice(text, at, at, ch), "unicode:identifier"];
  }
  if (rng.chance(0.2)) {
    const at = rng.int(text.length);
    return [splice(text, at, at + 1, ch), "unicode:replace"];
  }
  const at = rng.int(text.length + 1);
  return [splice(text, at, at, ch), "unicode:insert"];
}

const MUTATORS: Record<MutationKind, (rng: Rng, text: string) => [string, string]> = {
  char: mutateChar,
  token: mutateToken,
  line: mutateLine,
  indent: mutateIndent,
  keyword: mutateKeyword,
  unicode: mutateUnicode,
};

export interface BaseFile {
  name: string;
  text: string;
}

/** Lines where a top-level statement plausibly starts (no indentation, not a continuation). */
function topLevelStarts(lines: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[A-Za-z_@]/.test(line) && !/^(else|elif|except|finally)\b/.test(line)) out.push(i);
  }
  return out;
}

/** A window of whole top-level statements of a base file (sometimes the whole file). */
function window(rng: Rng, base: BaseFile): { text: string; label: string } {
  const lines = base.text.split("\n");
  const starts = topLevelStarts(lines);
  if (rng.chance(0.2) || starts.length < 2) return { text: base.text, label: base.name };
  const a = rng.int(starts.length - 1);
  const b = Math.min(starts.length, a + 1 + rng.int(4));
  const from = starts[a]!;
  const to = b < starts.length ? starts[b]! : lines.length;
  return { text: lines.slice(from, to).join("\n") + "\n", label: `${base.name}:${from + 1}-${to}` };
}

const nameHashes = new WeakMap<BaseFile, number>();

/** FNV-1a of a base file's name. */
function nameHash(base: BaseFile): number {
  let h = nameHashes.get(base);
  if (h === undefined) {
    h = 0x811c9dc5;
    for (let i = 0; i < base.name.length; i++) h = Math.imul(h ^ base.name.charCodeAt(i), 0x01000193) >>> 0;
    nameHashes.set(base, h);
  }
  return h;
}

/**
 * The base file of a mutant, by rendezvous hashing on the file names: adding or removing a
 * fixture changes only the mutants that pick that file, so most cached verdicts stay valid.
 */
function pickBase(key: number, bases: readonly BaseFile[]): BaseFile {
  let best = bases[0]!;
  let bestScore = -1;
  for (const b of bases) {
    const score = mixSeed(key, nameHash(b));
    if (score > bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

/** Mutant number `index` of the set for `seed`. */
export function makeMutant(seed: number, index: number, bases: readonly BaseFile[]): Mutant {
  const rng = new Rng(mixSeed(seed, index));
  const base = pickBase(mixSeed(seed, index), bases);
  const { text: start, label } = window(rng, base);
  let text = start;
  const ops: string[] = [];
  // the first mutation's kind cycles so every kind gets its share of the fixed set
  const count = 1 + (rng.chance(0.35) ? 1 + rng.int(2) : 0);
  for (let k = 0; k < count; k++) {
    const kind = k === 0 ? MUTATION_KINDS[index % MUTATION_KINDS.length]! : rng.pick(MUTATION_KINDS);
    const [next, op] = MUTATORS[kind](rng, text);
    text = next;
    ops.push(op);
  }
  return { base: label, ops, text };
}
