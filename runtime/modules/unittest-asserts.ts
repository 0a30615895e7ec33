// TestCase's assert* methods with Lib/unittest/case.py's failure messages: the shortened
// reprs, the "First differing element" lines and the ndiff of pformat'ed containers,
// longMessage (" : msg") and maxDiff truncation.

import { abs, builtinLen, isinstance, round } from "../values/builtin-functions.js";
import { dict, frozenset, list, set, tuple, typeOf } from "../values/builtin-types.js";
import { eq, ge, gt, le, lt } from "../values/compare.js";
import { in_ } from "../values/contains.js";
import { sub } from "../values/arithmetic.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, str, toStr } from "../values/repr.js";
import { getitem } from "../values/subscript.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { boundMethod } from "../lang/functions.js";
import { METHOD_ACCESSOR } from "../values/attributes.js";
import { ndiffLines } from "./difflib.js";
import { pprintModule } from "./pprint.js";
import { callValue } from "./pycall.js";
import { compilePattern } from "./re.js";
import { attrOr, TestCase } from "./unittest-case.js";
import { commonShortenRepr, safeRepr } from "./unittest-util.js";

type Fn = (this: TestCase, ...args: unknown[]) => unknown;

/** Binds a method's arguments by position or name; `undefined` for those not given. */
function bind(fname: string, args: unknown[], names: string[], required: number): unknown[] {
  const [pos, kw] = splitKw(args);
  if (pos.length > names.length) throw new PyTypeError(`TestCase.${fname}() takes from ${required + 1} to ${names.length + 1} positional arguments but ${pos.length + 1} were given`);
  const out = names.map((n, i) => (i < pos.length ? pos[i] : n in kw ? kw[n] : undefined));
  for (const k of Object.keys(kw)) if (!names.includes(k)) throw new PyTypeError(`TestCase.${fname}() got an unexpected keyword argument '${k}'`);
  const missing = names.slice(0, required).filter((_, i) => out[i] === undefined);
  if (missing.length > 0) {
    const quoted = missing.map((m) => `'${m}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
    throw new PyTypeError(`TestCase.${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`);
  }
  return out;
}

export function formatMessage(tc: TestCase, msg: unknown, standard: string): unknown {
  if (!truthy(attrOr(tc, "longMessage", true))) return truthy(msg) ? msg : standard;
  if (isNone(msg)) return standard;
  return `${standard} : ${toStr(msg)}`;
}

export function failWith(tc: TestCase, msg: unknown): never {
  throw callValue(attrOr(tc, "failureException", null), msg);
}

function fail(tc: TestCase, msg: unknown, standard: string): never {
  failWith(tc, formatMessage(tc, msg, standard));
}

const cpLen = (s: string): number => Array.from(s).length;

function truncate(tc: TestCase, message: string, diff: string): string {
  const maxDiff = attrOr(tc, "maxDiff", null);
  if (isNone(maxDiff) || cpLen(diff) <= Number(maxDiff)) return message + diff;
  return message + `\nDiff is ${cpLen(diff)} characters long. Set self.maxDiff to None to see it.`;
}

const pformatLines = (x: unknown): string[] => toStr(pprintModule.pformat(x)).split("\n");
const ndiffOf = (a: string[], b: string[]): string[] => Array.from(ndiffLines(a, b));

function baseAssertEqual(tc: TestCase, first: unknown, second: unknown, msg: unknown): void {
  if (!eq(first, second)) {
    const [a, b] = commonShortenRepr(first, second);
    fail(tc, msg, `${a} != ${b}`);
  }
}

function equalityFunc(tc: TestCase, first: unknown, second: unknown): Fn | null {
  const t = typeOf(first);
  if (t !== typeOf(second)) return null;
  const own = (tc as { _typeEqualityFuncs?: Map<unknown, unknown> })._typeEqualityFuncs?.get(t);
  if (own !== undefined) {
    if (typeof own === "string") return (...args: unknown[]) => callMethod(tc, own, ...args);
    return (...args: unknown[]) => callValue(own, ...args);
  }
  const name = t === dict ? "assertDictEqual" : t === list ? "assertListEqual" : t === tuple ? "assertTupleEqual" : t === set || t === frozenset ? "assertSetEqual" : t === str ? "assertMultiLineEqual" : null;
  return name === null ? null : (...args: unknown[]) => callMethod(tc, name, ...args);
}

function sequenceEqual(tc: TestCase, seq1: unknown, seq2: unknown, msg: unknown, seqType: unknown): void {
  let typeName_ = "sequence";
  if (!isNone(seqType)) {
    typeName_ = toStr(attrOr(seqType, "__name__", "sequence"));
    if (!isinstance(seq1, seqType)) failWith(tc, formatMessage(tc, msg, `First sequence is not a ${typeName_}: ${safeRepr(seq1)}`));
    if (!isinstance(seq2, seqType)) failWith(tc, formatMessage(tc, msg, `Second sequence is not a ${typeName_}: ${safeRepr(seq2)}`));
  }
  let differing: string | null = null;
  let len1 = 0;
  let len2 = 0;
  try {
    len1 = Number(builtinLen(seq1));
  } catch (e) {
    if (!(e instanceof PyTypeError)) throw e;
    differing = `First ${typeName_} has no length.    Non-sequence?`;
  }
  if (differing === null) {
    try {
      len2 = Number(builtinLen(seq2));
    } catch (e) {
      if (!(e instanceof PyTypeError)) throw e;
      differing = `Second ${typeName_} has no length.    Non-sequence?`;
    }
  }
  if (differing === null) {
    if (eq(seq1, seq2)) return;
    const [a, b] = commonShortenRepr(seq1, seq2);
    differing = `${typeName_[0]!.toUpperCase()}${typeName_.slice(1)}s differ: ${a} != ${b}\n`;
    let allSame = true;
    for (let i = 0; i < Math.min(len1, len2); i++) {
      const item1 = getitem(seq1, BigInt(i));
      const item2 = getitem(seq2, BigInt(i));
      if (!eq(item1, item2)) {
        const [x, y] = commonShortenRepr(item1, item2);
        differing += `\nFirst differing element ${i}:\n${x}\n${y}\n`;
        allSame = false;
        break;
      }
    }
    if (allSame && len1 === len2 && isNone(seqType) && typeOf(seq1) !== typeOf(seq2)) return;
    if (len1 > len2) {
      differing += `\nFirst ${typeName_} contains ${len1 - len2} additional elements.\n`;
      differing += `First extra element ${len2}:\n${safeRepr(getitem(seq1, BigInt(len2)))}\n`;
    } else if (len1 < len2) {
      differing += `\nSecond ${typeName_} contains ${len2 - len1} additional elements.\n`;
      differing += `First extra element ${len1}:\n${safeRepr(getitem(seq2, BigInt(len1)))}\n`;
    }
  }
  const diff = "\n" + ndiffOf(pformatLines(seq1), pformatLines(seq2)).join("\n");
  fail(tc, msg, truncate(tc, differing, diff));
}

function almost(fname: string, tc: TestCase, args: unknown[], negate: boolean): void {
  const [first, second, places, msg, delta] = bind(fname, args, ["first", "second", "places", "msg", "delta"], 2);
  if (!isNone(delta) && !isNone(places)) throw new PyTypeError("specify delta or places not both");
  if (!negate && eq(first, second)) return;
  const diff = abs(sub(first, second));
  const f = safeRepr(first);
  const s = safeRepr(second);
  if (!isNone(delta)) {
    if (!negate && le(diff, delta)) return;
    if (negate && !eq(first, second) && gt(diff, delta)) return;
    fail(tc, msg, `${f} ${negate ? "==" : "!="} ${s} within ${safeRepr(delta)} delta (${safeRepr(diff)} difference)`);
  }
  const p = isNone(places) ? 7n : places;
  const zero = eq(round(diff, p), 0n);
  if (!negate && zero) return;
  if (negate && !eq(first, second) && !zero) return;
  if (negate) fail(tc, msg, `${f} == ${s} within ${repr(p)} places`);
  fail(tc, msg, `${f} != ${s} within ${repr(p)} places (${safeRepr(diff)} difference)`);
}

/** `_count_diff_hashable` / `_count_diff_all_purpose`: (first count, second count, element). */
function countDiff(first: unknown[], second: unknown[]): [number, number, unknown][] {
  const counts = (xs: unknown[]): [unknown, number][] => {
    const out: [unknown, number][] = [];
    for (const x of xs) {
      const entry = out.find(([k]) => eq(k, x));
      if (entry) entry[1]++;
      else out.push([x, 1]);
    }
    return out;
  };
  const s = counts(first);
  const t = counts(second);
  const result: [number, number, unknown][] = [];
  for (const [elem, cs] of s) {
    const ct = t.find(([k]) => eq(k, elem))?.[1] ?? 0;
    if (cs !== ct) result.push([cs, ct, elem]);
  }
  for (const [elem, ct] of t) if (!s.some(([k]) => eq(k, elem))) result.push([0, ct, elem]);
  return result;
}

const methods: Record<string, Fn> = {
  assertEqual(...args) {
    const [first, second, msg] = bind("assertEqual", args, ["first", "second", "msg"], 2);
    const f = equalityFunc(this, first, second);
    if (f === null) baseAssertEqual(this, first, second, msg);
    else f.call(this, first, second, new Kwargs({ msg: msg ?? null }));
    return null;
  },
  assertNotEqual(...args) {
    const [first, second, msg] = bind("assertNotEqual", args, ["first", "second", "msg"], 2);
    if (eq(first, second)) fail(this, msg, `${safeRepr(first)} == ${safeRepr(second)}`);
    return null;
  },
  assertTrue(...args) {
    const [expr, msg] = bind("assertTrue", args, ["expr", "msg"], 1);
    if (!truthy(expr)) fail(this, msg, `${safeRepr(expr)} is not true`);
    return null;
  },
  assertFalse(...args) {
    const [expr, msg] = bind("assertFalse", args, ["expr", "msg"], 1);
    if (truthy(expr)) fail(this, msg, `${safeRepr(expr)} is not false`);
    return null;
  },
  assertIs(...args) {
    const [a, b, msg] = bind("assertIs", args, ["expr1", "expr2", "msg"], 2);
    if (!identical(a, b)) fail(this, msg, `${safeRepr(a)} is not ${safeRepr(b)}`);
    return null;
  },
  assertIsNot(...args) {
    const [a, b, msg] = bind("assertIsNot", args, ["expr1", "expr2", "msg"], 2);
    if (identical(a, b)) fail(this, msg, `unexpectedly identical: ${safeRepr(a)}`);
    return null;
  },
  assertIsNone(...args) {
    const [obj, msg] = bind("assertIsNone", args, ["obj", "msg"], 1);
    if (!isNone(obj)) fail(this, msg, `${safeRepr(obj)} is not None`);
    return null;
  },
  assertIsNotNone(...args) {
    const [obj, msg] = bind("assertIsNotNone", args, ["obj", "msg"], 1);
    if (isNone(obj)) fail(this, msg, "unexpectedly None");
    return null;
  },
  assertIn(...args) {
    const [member, container, msg] = bind("assertIn", args, ["member", "container", "msg"], 2);
    if (!in_(member, container)) fail(this, msg, `${safeRepr(member)} not found in ${safeRepr(container)}`);
    return null;
  },
  assertNotIn(...args) {
    const [member, container, msg] = bind("assertNotIn", args, ["member", "container", "msg"], 2);
    if (in_(member, container)) fail(this, msg, `${safeRepr(member)} unexpectedly found in ${safeRepr(container)}`);
    return null;
  },
  assertIsInstance(...args) {
    const [obj, cls, msg] = bind("assertIsInstance", args, ["obj", "cls", "msg"], 2);
    if (!isinstance(obj, cls)) fail(this, msg, `${safeRepr(obj)} is not an instance of ${repr(cls)}`);
    return null;
  },
  assertNotIsInstance(...args) {
    const [obj, cls, msg] = bind("assertNotIsInstance", args, ["obj", "cls", "msg"], 2);
    if (isinstance(obj, cls)) fail(this, msg, `${safeRepr(obj)} is an instance of ${repr(cls)}`);
    return null;
  },
  assertGreater(...args) {
    const [a, b, msg] = bind("assertGreater", args, ["a", "b", "msg"], 2);
    if (!gt(a, b)) fail(this, msg, `${safeRepr(a)} not greater than ${safeRepr(b)}`);
    return null;
  },
  assertGreaterEqual(...args) {
    const [a, b, msg] = bind("assertGreaterEqual", args, ["a", "b", "msg"], 2);
    if (!ge(a, b)) fail(this, msg, `${safeRepr(a)} not greater than or equal to ${safeRepr(b)}`);
    return null;
  },
  assertLess(...args) {
    const [a, b, msg] = bind("assertLess", args, ["a", "b", "msg"], 2);
    if (!lt(a, b)) fail(this, msg, `${safeRepr(a)} not less than ${safeRepr(b)}`);
    return null;
  },
  assertLessEqual(...args) {
    const [a, b, msg] = bind("assertLessEqual", args, ["a", "b", "msg"], 2);
    if (!le(a, b)) fail(this, msg, `${safeRepr(a)} not less than or equal to ${safeRepr(b)}`);
    return null;
  },
  assertAlmostEqual(...args) {
    almost("assertAlmostEqual", this, args, false);
    return null;
  },
  assertNotAlmostEqual(...args) {
    almost("assertNotAlmostEqual", this, args, true);
    return null;
  },
  assertSequenceEqual(...args) {
    const [seq1, seq2, msg, seqType] = bind("assertSequenceEqual", args, ["seq1", "seq2", "msg", "seq_type"], 2);
    sequenceEqual(this, seq1, seq2, msg, seqType ?? null);
    return null;
  },
  assertListEqual(...args) {
    const [a, b, msg] = bind("assertListEqual", args, ["list1", "list2", "msg"], 2);
    sequenceEqual(this, a, b, msg, list);
    return null;
  },
  assertTupleEqual(...args) {
    const [a, b, msg] = bind("assertTupleEqual", args, ["tuple1", "tuple2", "msg"], 2);
    sequenceEqual(this, a, b, msg, tuple);
    return null;
  },
  assertSetEqual(...args) {
    const [set1, set2, msg] = bind("assertSetEqual", args, ["set1", "set2", "msg"], 2);
    let d1: unknown;
    let d2: unknown;
    try {
      d1 = callMethod(set1, "difference", set2);
    } catch (e) {
      if (e instanceof PyTypeError) failWith(this, `invalid type when attempting set difference: ${toStr(e)}`);
      failWith(this, `first argument does not support set difference: ${toStr(e)}`);
    }
    try {
      d2 = callMethod(set2, "difference", set1);
    } catch (e) {
      if (e instanceof PyTypeError) failWith(this, `invalid type when attempting set difference: ${toStr(e)}`);
      failWith(this, `second argument does not support set difference: ${toStr(e)}`);
    }
    if (!truthy(d1) && !truthy(d2)) return null;
    const lines: string[] = [];
    if (truthy(d1)) {
      lines.push("Items in the first set but not the second:");
      for (const item of iterable(d1)) lines.push(repr(item));
    }
    if (truthy(d2)) {
      lines.push("Items in the second set but not the first:");
      for (const item of iterable(d2)) lines.push(repr(item));
    }
    fail(this, msg, lines.join("\n"));
  },
  assertDictEqual(...args) {
    const [d1, d2, msg] = bind("assertDictEqual", args, ["d1", "d2", "msg"], 2);
    if (!(d1 instanceof Dict)) failWith(this, formatMessage(this, "First argument is not a dictionary", `${safeRepr(d1)} is not an instance of <class 'dict'>`));
    if (!(d2 instanceof Dict)) failWith(this, formatMessage(this, "Second argument is not a dictionary", `${safeRepr(d2)} is not an instance of <class 'dict'>`));
    if (!eq(d1, d2)) {
      const [a, b] = commonShortenRepr(d1, d2);
      const diff = "\n" + ndiffOf(pformatLines(d1), pformatLines(d2)).join("\n");
      fail(this, msg, truncate(this, `${a} != ${b}`, diff));
    }
    return null;
  },
  assertMultiLineEqual(...args) {
    const [first, second, msg] = bind("assertMultiLineEqual", args, ["first", "second", "msg"], 2);
    if (typeof first !== "string") failWith(this, formatMessage(this, "First argument is not a string", `${safeRepr(first)} is not an instance of <class 'str'>`));
    if (typeof second !== "string") failWith(this, formatMessage(this, "Second argument is not a string", `${safeRepr(second)} is not an instance of <class 'str'>`));
    if (first !== second) {
      const threshold = Number(attrOr(this, "_diffThreshold", 65536n));
      if (cpLen(first) > threshold || cpLen(second) > threshold) baseAssertEqual(this, first, second, msg);
      let firstLines = callMethod(first, "splitlines", true) as string[];
      let secondLines = callMethod(second, "splitlines", true) as string[];
      if (firstLines.length === 1 && first.replace(/^[\r\n]+|[\r\n]+$/g, "") === first) {
        firstLines = [first + "\n"];
        secondLines = [second + "\n"];
      }
      const [a, b] = commonShortenRepr(first, second);
      const diff = "\n" + ndiffOf(firstLines, secondLines).join("");
      fail(this, msg, truncate(this, `${a} != ${b}`, diff));
    }
    return null;
  },
  assertCountEqual(...args) {
    const [first, second, msg] = bind("assertCountEqual", args, ["first", "second", "msg"], 2);
    const differences = countDiff(Array.from(iterable(first)), Array.from(iterable(second)));
    if (differences.length > 0) {
      const lines = differences.map(([a, b, v]) => `First has ${a}, Second has ${b}:  ${repr(v)}`);
      fail(this, msg, truncate(this, "Element counts were not equal:\n", lines.join("\n")));
    }
    return null;
  },
  assertRegex(...args) {
    const [text, expected, msg] = bind("assertRegex", args, ["text", "expected_regex", "msg"], 2);
    const pattern = typeof expected === "string" ? compilePattern(expected) : expected;
    if (isNone(callMethod(pattern, "search", text))) {
      fail(this, msg, `Regex didn't match: ${repr(attrOr(pattern, "pattern", expected))} not found in ${repr(text)}`);
    }
    return null;
  },
  assertNotRegex(...args) {
    const [text, unexpected, msg] = bind("assertNotRegex", args, ["text", "unexpected_regex", "msg"], 2);
    const pattern = typeof unexpected === "string" ? compilePattern(unexpected) : unexpected;
    const m = callMethod(pattern, "search", text);
    if (!isNone(m)) {
      const matched = callMethod(m, "group");
      fail(this, msg, `Regex matched: ${repr(matched)} matches ${repr(attrOr(pattern, "pattern", unexpected))} in ${repr(text)}`);
    }
    return null;
  },
  addTypeEqualityFunc(typeobj, fn) {
    const self = this as { _typeEqualityFuncs?: Map<unknown, unknown> };
    self._typeEqualityFuncs ??= new Map();
    self._typeEqualityFuncs.set(typeobj, fn);
    return null;
  },
};

function identical(a: unknown, b: unknown): boolean {
  if (isNone(a) && isNone(b)) return true;
  return a === b;
}

/**
 * Puts methods on TestCase's prototype (Python subclasses override them as usual). Read from
 * a test case they are bound methods, so `check = self.assertEqual` keeps its test case.
 */
export function installMethods(owner: Function, table: Record<string, Function>): void {
  const proto = owner.prototype as object;
  for (const [name, fn] of Object.entries(table)) {
    Object.defineProperty(fn, "name", { value: name });
    const get = function (this: object): unknown {
      return Object.hasOwn(this, "_testMethodName") ? boundMethod(this, fn as (...a: unknown[]) => unknown, owner) : fn;
    };
    // (read off the class, `TestCase.assertEqual` is the function)
    Object.defineProperty(get, METHOD_ACCESSOR, { value: fn });
    Object.defineProperty(proto, name, {
      configurable: true,
      get,
      set(this: object, value: unknown) {
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

export function installAssertions(owner: Function): void {
  installMethods(owner, methods);
}

void typeName;
