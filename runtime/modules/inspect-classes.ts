// inspect's class and module helpers: getclasstree/walktree, classify_class_attrs/Attribute,
// getmembers_static, the descriptor predicates (ismemberdescriptor, isgetsetdescriptor,
// ismethodwrapper, over types' descriptor types), getmodulename, iskeyword, modulesbyfile,
// and the block helpers indentsize, getblock, EndOfBlock, ClassFoundException. getblock reads
// lines as CPython's BlockFinder does over tokens: a def/class/decorated block runs until the
// first line indented no deeper than its first (brackets, strings and continuations are one
// line); any other first line is a block of its own logical line.

import { getattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { Exception } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isClass, className, moduleName } from "../values/typename.js";
import { PyClassMethod, PyStaticMethod } from "../lang/method-objects.js";
import { PyProperty } from "../lang/descriptors.js";
import { dir } from "../lang/objects.js";
import { makeNamedTuple } from "./namedtuple.js";
import { callValue } from "./pycall.js";
import { inspectExtraNames } from "./inspect-extras.js";
import { GetSetDescriptorType, MemberDescriptorType } from "./types-descriptors.js";

const ABSENT = Symbol("absent");
export const Attribute = makeNamedTuple("Attribute", ["name", "kind", "defining_class", "object"], [], "inspect");

const check = (type: Function) => (x: unknown): boolean => (type as unknown as { __instancecheck__(x: unknown): boolean }).__instancecheck__(x);

function bases(c: unknown): unknown[] {
  return [...((getattr(c, "__bases__", Tuple.of()) as Tuple).items)];
}

/** `walktree(classes, children, parent)`: the nested list getclasstree builds. */
function walktree(classes: unknown[], children: Map<unknown, unknown[]> | Dict<unknown, unknown>, _parent: unknown): unknown[] {
  const childrenOf = (c: unknown): unknown[] | undefined => (children instanceof Map ? children.get(c) : (children.get(c) as unknown[] | undefined));
  const key = (c: unknown): string => `${moduleName(c as never)}\u0000${className(c as never)}`;
  classes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const results: unknown[] = [];
  for (const c of classes) {
    results.push(Tuple.of(c, Tuple.from(bases(c))));
    const kids = childrenOf(c);
    if (kids !== undefined) results.push(walktree(kids, children, c));
  }
  return results;
}

/** `getclasstree(classes, unique=False)`: classes nested under their bases. */
function getclasstree(classesIn: unknown, unique: unknown = false): unknown[] {
  const classes = [...(classesIn as Iterable<unknown>)];
  const children = new Map<unknown, unknown[]>();
  const roots: unknown[] = [];
  for (const c of classes) {
    const parents = bases(c);
    if (parents.length) {
      for (const parent of parents) {
        if (!children.has(parent)) children.set(parent, []);
        const list = children.get(parent)!;
        if (!list.includes(c)) list.push(c);
        if (truthy(unique) && classes.includes(parent)) break;
      }
    } else if (!roots.includes(c)) roots.push(c);
  }
  for (const parent of children.keys()) if (!classes.includes(parent)) roots.push(parent);
  return walktree(roots, children, null);
}

function ownDict(c: unknown): Dict<unknown, unknown> | null {
  const d = getattr(c, "__dict__", null);
  return d === null ? null : (d as Dict<unknown, unknown>);
}

/** `classify_class_attrs(cls)`: Attribute(name, kind, defining_class, object) for each name in dir(cls). */
function classify_class_attrs(cls: unknown): unknown[] {
  const mro = [...(getattr(cls, "__mro__") as Tuple).items];
  const out: unknown[] = [];
  for (const name of dir(cls)) {
    let home: unknown = null;
    let dictObj: unknown = ABSENT;
    for (const base of mro) {
      const d = ownDict(base);
      const v = d === null ? undefined : callValue(getattr(d, "get"), name, ABSENT);
      if (v !== undefined && v !== ABSENT) {
        home = base;
        dictObj = v;
        break;
      }
    }
    const got = getattr(cls, name, ABSENT);
    let obj = got !== ABSENT ? got : dictObj;
    let kind: string;
    if (dictObj instanceof PyStaticMethod) [kind, obj] = ["static method", dictObj];
    else if (dictObj instanceof PyClassMethod) [kind, obj] = ["class method", dictObj];
    else if (dictObj instanceof PyProperty) [kind, obj] = ["property", dictObj];
    else if (typeof obj === "function" && !isClass(obj)) kind = "method";
    else kind = "data";
    if (obj === ABSENT) continue;
    out.push(callValue(Attribute, name, kind, home, obj));
  }
  return out;
}

/** `getmembers_static(object, predicate=None)`: getmembers without running descriptors or __getattr__. */
function getmembers_static(object: unknown, predicate: unknown = null): unknown[] {
  const out: Tuple[] = [];
  for (const name of [...dir(object)].sort()) {
    const value = inspectExtraNames.getattr_static(object, name, ABSENT);
    if (value === ABSENT) continue;
    if (predicate !== null && !truthy(callValue(predicate, value))) continue;
    out.push(Tuple.of(name, value));
  }
  return out;
}

const SUFFIXES = [".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so", ".py", ".pyc"];

/** `getmodulename(path)`: the module name a file's path gives, or None. */
function getmodulename(path: unknown): string | null {
  const text = String(path);
  const base = text.slice(text.lastIndexOf("/") + 1);
  for (const suffix of SUFFIXES) if (base.endsWith(suffix)) return base.slice(0, -suffix.length);
  return null;
}

const KEYWORDS = new Set("False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "));

function expandtabs(line: string): string {
  let out = "";
  for (const ch of line) out += ch === "\t" ? " ".repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** `indentsize(line)`: the width of the line's indentation, tabs expanded. */
function indentsize(line: unknown): bigint {
  const expanded = expandtabs(String(line));
  return BigInt(expanded.length - expanded.replace(/^\s+/, "").length);
}

export class EndOfBlock extends Exception {
  static readonly __module__ = "inspect";
}
export class ClassFoundException extends Exception {
  static readonly __module__ = "inspect";
}

/** How many brackets a line leaves open, and whether it ends inside a triple-quoted string. */
function scan(line: string, state: { depth: number; quote: string | null }): void {
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (state.quote !== null) {
      if (ch === "\\") i++;
      else if (line.startsWith(state.quote, i)) {
        i += state.quote.length - 1;
        state.quote = null;
      }
      continue;
    }
    if (ch === "#") return;
    if (ch === '"' || ch === "'") state.quote = line.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
    if (state.quote !== null && state.quote.length === 3) i += 2;
    else if ("([{".includes(ch)) state.depth++;
    else if (")]}".includes(ch)) state.depth--;
  }
  if (state.quote !== null && state.quote.length === 1) state.quote = null;
}

/** `getblock(lines)`: the lines of the block at the top of `lines`. */
function getblock(linesIn: unknown): string[] {
  const lines = [...(linesIn as Iterable<string>)].map(String);
  const first = lines[0] ?? "";
  const opens = /^\s*(@|(async\s+)?def\b|class\b)/.test(first);
  // (a lambda anywhere in the first line starts a block of that logical line; any other first
  // line never starts BlockFinder, so the block is that line alone)
  const lambda = !opens && /\blambda\b/.test(first);
  if (!opens && !lambda) return lines.slice(0, 1);
  const state = { depth: 0, quote: null as string | null };
  const firstIndent = Number(indentsize(first));
  let inDecorators = /^\s*@/.test(first);
  let bodyColumn: number | null = null;
  let last = 0;
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\n$/, "");
    const blank = /^\s*$/.test(line);
    const comment = /^\s*#/.test(line);
    if (i > 0 && !continued && !blank) {
      if (comment) {
        // comments belong to the block when indented at least as deep as its body
        if (bodyColumn !== null && Number(indentsize(line)) >= bodyColumn) last = i;
        continue;
      }
      if (inDecorators) inDecorators = /^\s*@/.test(line);
      else if (Number(indentsize(line)) <= firstIndent) break;
      else bodyColumn ??= Number(indentsize(line));
    }
    const wasContinued = continued;
    scan(line, state);
    continued = state.depth > 0 || state.quote !== null || line.endsWith("\\");
    if (!blank || wasContinued) last = i;
    if (lambda && !continued) break;
  }
  return lines.slice(0, last + 1);
}

/** `modulesbyfile`: file -> module name, filled by getmodule as CPython's cache is (none read yet). */
const modulesbyfile = new Dict<unknown, unknown>();

export const inspectClassNames = {
  getclasstree,
  walktree: (classes: unknown, children: unknown, parent: unknown): unknown[] => walktree(classes as unknown[], children as Dict<unknown, unknown>, parent),
  Attribute,
  classify_class_attrs,
  getmembers_static,
  ismemberdescriptor: check(MemberDescriptorType),
  isgetsetdescriptor: check(GetSetDescriptorType),
  getmodulename,
  iskeyword: (s: unknown): boolean => typeof s === "string" && KEYWORDS.has(s),
  indentsize,
  getblock,
  EndOfBlock,
  ClassFoundException,
  modulesbyfile,
};
