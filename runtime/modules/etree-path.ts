// xml.etree.ElementPath (3.11): the XPath subset of find/findall/findtext/iterfind, its
// tokenizer and selectors as Lib/xml/etree/ElementPath.py writes them, with its SyntaxErrors.
// A path without XPath characters and no namespaces takes the C accelerator's direct child scan.

import { eq } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { PySyntaxError, PyTypeError, RuntimeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import type { Element } from "./etree-element.js";

type Token = [string, string];
type Context = { root: Element; parents: Map<Element, Element> | null };
type Selector = (context: Context, result: Iterable<Element>) => Iterable<Element>;

const TOKEN = /('[^']*'|"[^"]*"|::|\/\/?|\.\.|\(\)|!=|[/.*:[\]()@=])|((?:\{[^}]+\})?[^/[\]()@!=\s]+)|\s+/gu;

function* tokenize(pattern: string, namespaces: Dict | null): Generator<Token> {
  const has = namespaces !== null && namespaces.size > 0;
  const fallback = has ? namespaces.get("") : undefined;
  const defaultNs = fallback === undefined || fallback === null || fallback === "" ? null : fallback;
  let attribute = false;
  for (const m of pattern.matchAll(TOKEN)) {
    const ttype = m[1] ?? "";
    const tag = m[2] ?? "";
    if (tag !== "" && tag[0] !== "{") {
      const colon = tag.indexOf(":");
      if (colon >= 0) {
        const prefix = tag.slice(0, colon);
        const uri = has ? namespaces.get(prefix) : undefined;
        if (uri === undefined) throw new PySyntaxError(`prefix '${prefix}' not found in prefix map`);
        yield [ttype, `{${String(uri)}}${tag.slice(colon + 1)}`];
      } else if (defaultNs !== null && !attribute) {
        yield [ttype, `{${String(defaultNs)}}${tag}`];
      } else {
        yield [ttype, tag];
      }
      attribute = false;
    } else {
      yield [ttype, tag];
      attribute = ttype === "@";
    }
  }
}

function parentMap(context: Context): Map<Element, Element> {
  if (context.parents === null) {
    const parents = new Map<Element, Element>();
    for (const p of context.root.walk(null)) for (const e of p.children) parents.set(e, p);
    context.parents = parents;
  }
  return context.parents;
}

const isWildcard = (tag: string): boolean => tag.startsWith("{*}") || tag.endsWith("}*");
const sameTag = (a: unknown, b: string): boolean => a === b || (typeof a !== "string" && eq(a, b));

function tagTest(tag: string): (el: Element) => boolean {
  if (tag === "{*}*") return (el) => typeof el.tag === "string";
  if (tag === "{}*") return (el) => typeof el.tag === "string" && el.tag[0] !== "{";
  if (tag.startsWith("{*}")) {
    const suffix = tag.slice(2);
    const local = tag.slice(3);
    return (el) => el.tag === local || (typeof el.tag === "string" && el.tag.slice(-suffix.length) === suffix);
  }
  if (tag.endsWith("}*")) {
    const ns = tag.slice(0, -1);
    return (el) => typeof el.tag === "string" && el.tag.slice(0, ns.length) === ns;
  }
  throw new RuntimeError(`internal parser error, got ${tag}`);
}

function prepareChild(_next: () => Token, token: Token): Selector {
  let tag = token[1];
  if (isWildcard(tag)) {
    const test = tagTest(tag);
    return function* (_cx, result) {
      for (const elem of result) for (const e of elem.children.slice()) if (test(e)) yield e;
    };
  }
  if (tag.startsWith("{}")) tag = tag.slice(2);
  return function* (_cx, result) {
    for (const elem of result) for (const e of elem.children.slice()) if (sameTag(e.tag, tag)) yield e;
  };
}

const prepareStar = (): Selector =>
  function* (_cx, result) {
    for (const elem of result) yield* elem.children.slice();
  };

const prepareSelf = (): Selector =>
  function* (_cx, result) {
    yield* result;
  };

function prepareDescendant(next: () => Token): Selector | null {
  let token: Token;
  try {
    token = next();
  } catch (e) {
    if (e === DONE) return null;
    throw e;
  }
  let tag: string;
  if (token[0] === "*") tag = "*";
  else if (token[0] === "") tag = token[1];
  else throw new PySyntaxError("invalid descendant");
  if (isWildcard(tag)) {
    const test = tagTest(tag);
    return function* (_cx, result) {
      for (const elem of result) for (const e of elem.walk(null)) if (e !== elem && test(e)) yield e;
    };
  }
  if (tag.startsWith("{}")) tag = tag.slice(2);
  const wanted = tag === "*" ? null : tag;
  return function* (_cx, result) {
    for (const elem of result) for (const e of elem.walk(wanted)) if (e !== elem) yield e;
  };
}

const prepareParent = (): Selector =>
  function* (cx, result) {
    const parents = parentMap(cx);
    const seen = new Set<Element>();
    for (const elem of result) {
      const parent = parents.get(elem);
      if (parent !== undefined && !seen.has(parent)) {
        seen.add(parent);
        yield parent;
      }
    }
  };

const text = (e: Element): string => [...e.texts()].join("");
const INDEX = /^-?\d+$/u;

function preparePredicate(next: () => Token): Selector | null {
  const signature: string[] = [];
  const predicate: string[] = [];
  for (;;) {
    let token: Token;
    try {
      token = next();
    } catch (e) {
      if (e === DONE) return null;
      throw e;
    }
    if (token[0] === "]") break;
    if (token[0] === "" && token[1] === "") continue;
    if (token[0] !== "" && (token[0][0] === "'" || token[0][0] === '"')) token = ["'", token[0].slice(1, -1)];
    signature.push(token[0] || "-");
    predicate.push(token[1]);
  }
  const sig = signature.join("");
  if (sig === "@-") {
    const key = predicate[1]!;
    return function* (_cx, result) {
      for (const elem of result) if (elem.attrib.get(key) != null) yield elem;
    };
  }
  if (sig === "@-='" || sig === "@-!='") {
    const key = predicate[1]!;
    const value = predicate[predicate.length - 1]!;
    const negated = sig.includes("!=");
    return function* (_cx, result) {
      for (const elem of result) {
        const v = elem.attrib.get(key);
        if (negated ? v != null && !eq(v, value) : v !== undefined && eq(v, value)) yield elem;
      }
    };
  }
  if (sig === "-" && !INDEX.test(predicate[0]!)) {
    const tag = predicate[0]!;
    return function* (_cx, result) {
      for (const elem of result) if (elementPath.find(elem, tag, null) !== null) yield elem;
    };
  }
  if (sig === ".='" || sig === ".!='" || ((sig === "-='" || sig === "-!='") && !INDEX.test(predicate[0]!))) {
    const tag = predicate[0]!;
    const value = predicate[predicate.length - 1]!;
    const negated = sig.includes("!=");
    return function* (_cx, result) {
      for (const elem of result) {
        if (tag === ".") {
          if ((text(elem) === value) !== negated) yield elem;
          continue;
        }
        for (const e of elementPath.iterfind(elem, tag, null)) {
          if ((text(e) === value) !== negated) {
            yield elem;
            break;
          }
        }
      }
    };
  }
  if (sig === "-" || sig === "-()" || sig === "-()-") {
    let index: number;
    if (sig === "-") {
      index = Number(predicate[0]) - 1;
      if (index < 0) throw new PySyntaxError("XPath position >= 1 expected");
    } else {
      if (predicate[0] !== "last") throw new PySyntaxError("unsupported function");
      if (sig === "-()-") {
        if (!INDEX.test(predicate[2]!.trim())) throw new PySyntaxError("unsupported expression");
        index = Number(predicate[2]) - 1;
        if (index > -2) throw new PySyntaxError("XPath offset from last() must be negative");
      } else {
        index = -1;
      }
    }
    return function* (cx, result) {
      const parents = parentMap(cx);
      for (const elem of result) {
        const parent = parents.get(elem);
        if (parent === undefined) continue;
        const same = parent.children.filter((e) => sameTag(e.tag, elem.tag as string));
        const at = index < 0 ? same.length + index : index;
        if (same[at] === elem) yield elem;
      }
    };
  }
  throw new PySyntaxError("invalid predicate");
}

const DONE = Symbol("done");
const OPS: Record<string, (next: () => Token, token: Token) => Selector | null> = {
  "": prepareChild,
  "*": prepareStar,
  ".": prepareSelf,
  "..": prepareParent,
  "//": prepareDescendant,
  "[": preparePredicate,
};

const cache = new Map<string, (Selector | null)[]>();

function compile(path: string, namespaces: Dict | null): (Selector | null)[] {
  const key = namespaces !== null && namespaces.size > 0 ? `${path}\u0000${[...namespaces.entries()].map(([k, v]) => `${String(k)}=${String(v)}`).sort().join("\u0000")}` : path;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  if (cache.size > 100) cache.clear();
  if (path.startsWith("/")) throw new PySyntaxError("cannot use absolute path on element");
  const tokens = tokenize(path, namespaces);
  const next = (): Token => {
    const r = tokens.next();
    if (r.done) throw DONE;
    return r.value;
  };
  const selector: (Selector | null)[] = [];
  let token: Token;
  try {
    token = next();
  } catch (e) {
    if (e === DONE) return [];
    throw e;
  }
  for (;;) {
    const op = OPS[token[0]];
    if (op === undefined) throw new PyTypeError(`'${token[0]}'`);
    try {
      selector.push(op(next, token));
    } catch (e) {
      if (e === DONE) throw new PySyntaxError("invalid path");
      throw e;
    }
    try {
      token = next();
      if (token[0] === "/") token = next();
    } catch (e) {
      if (e === DONE) break;
      throw e;
    }
  }
  cache.set(key, selector);
  return selector;
}

/** Does the path need ElementPath (the C accelerator's checkpath)? */
function isPath(path: string): boolean {
  let check = true;
  for (const ch of path) {
    if (ch === "{") check = false;
    else if (ch === "}") check = true;
    else if (check && (ch === "/" || ch === "*" || ch === "[" || ch === "@" || ch === ".")) return true;
  }
  return false;
}

function checkedPath(path: unknown): string {
  if (typeof path !== "string") throw new PyTypeError(`'${typeName(path)}' object is not subscriptable`);
  return path;
}

export const elementPath = {
  iterfind(elem: Element, pathArg: unknown, namespaces: Dict | null): Iterable<Element> {
    let path = checkedPath(pathArg);
    if (path.endsWith("/")) path += "*";
    const selector = compile(path, namespaces);
    const context: Context = { root: elem, parents: null };
    let result: Iterable<Element> = [elem];
    for (const select of selector) {
      if (select === null) throw new PyTypeError("'NoneType' object is not callable");
      result = select(context, result);
    }
    return result;
  },

  find(elem: Element, path: unknown, namespaces: Dict | null): Element | null {
    if (typeof path === "string" && namespaces === null && !isPath(path)) return elem.children.find((e) => sameTag(e.tag, path)) ?? null;
    for (const e of this.iterfind(elem, path, namespaces)) return e;
    return null;
  },

  findall(elem: Element, path: unknown, namespaces: Dict | null): Element[] {
    if (typeof path === "string" && namespaces === null && !isPath(path)) return elem.children.filter((e) => sameTag(e.tag, path));
    return [...this.iterfind(elem, path, namespaces)];
  },

  findtext(elem: Element, path: unknown, fallback: unknown, namespaces: Dict | null): unknown {
    const found = this.find(elem, path, namespaces);
    if (found === null) return fallback;
    return found.text === null || found.text === undefined ? "" : found.text;
  },
};
