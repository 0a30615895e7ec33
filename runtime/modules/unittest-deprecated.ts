// TestCase's deprecated names (3.11 still has them): the aliases `assertEquals`, `failUnless`,
// `assertRaisesRegexp`... which warn "Please use X instead." (DeprecationWarning) and then do
// what X does, and assertDictContainsSubset with its own failure message.
import { DeprecationWarning } from "../values/exceptions.js";
import { in_ } from "../values/contains.js";
import { ne } from "../values/compare.js";
import { kw, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { getitem } from "../values/subscript.js";
import { iterable } from "../values/iteration.js";
import { callValue } from "./pycall.js";
import { warningsModule } from "./warnings.js";
import { formatMessage, failWith, installMethods } from "./unittest-asserts.js";
import type { TestCase } from "./unittest-case.js";
import { safeRepr } from "./unittest-util.js";

/** Each deprecated alias and the method it stands for. */
const ALIASES: readonly (readonly [alias: string, original: string])[] = [
  ["failUnlessEqual", "assertEqual"],
  ["assertEquals", "assertEqual"],
  ["failIfEqual", "assertNotEqual"],
  ["assertNotEquals", "assertNotEqual"],
  ["failUnlessAlmostEqual", "assertAlmostEqual"],
  ["assertAlmostEquals", "assertAlmostEqual"],
  ["failIfAlmostEqual", "assertNotAlmostEqual"],
  ["assertNotAlmostEquals", "assertNotAlmostEqual"],
  ["failUnless", "assertTrue"],
  ["assert_", "assertTrue"],
  ["failUnlessRaises", "assertRaises"],
  ["failIf", "assertFalse"],
  ["assertRaisesRegexp", "assertRaisesRegex"],
  ["assertRegexpMatches", "assertRegex"],
  ["assertNotRegexpMatches", "assertNotRegex"],
];

function deprecationWarning(message: string): void {
  callValue(warningsModule.warn, message, DeprecationWarning, kw({ stacklevel: 3n }));
}

/** `assertDictContainsSubset(subset, dictionary, msg=None)`: every item of subset is in dictionary. */
function assertDictContainsSubset(this: TestCase, ...args: unknown[]): null {
  const [positional, keywords] = splitKw(args);
  const [subset, dictionary, msg = null] = ["subset", "dictionary", "msg"].map((name, i) => (i < positional.length ? positional[i] : keywords[name]));
  deprecationWarning("assertDictContainsSubset is deprecated");
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const key of iterable(callMethod(subset, "keys"))) {
    const expected = getitem(subset, key);
    if (!in_(key, dictionary)) missing.push(safeRepr(key));
    else if (ne(expected, getitem(dictionary, key))) mismatched.push(`${safeRepr(key)}, expected: ${safeRepr(expected)}, actual: ${safeRepr(getitem(dictionary, key))}`);
  }
  if (missing.length === 0 && mismatched.length === 0) return null;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`Missing: ${missing.join(",")}`);
  if (mismatched.length > 0) parts.push(`Mismatched values: ${mismatched.join(",")}`);
  failWith(this, formatMessage(this, msg, parts.join("; ")));
}

/** Puts the deprecated names on TestCase (after its own methods, which they call). */
export function installDeprecatedAliases(owner: Function): void {
  const proto = owner.prototype as Record<string, unknown>;
  const table: Record<string, Function> = { assertDictContainsSubset };
  // (one wrapper per method, as CPython's `failUnless = assert_ = _deprecate(assertTrue)`)
  const wrappers = new Map<string, Function>();
  for (const [alias, original] of ALIASES) {
    let wrapper = wrappers.get(original);
    if (wrapper === undefined) {
      const target = proto[original] as (...args: unknown[]) => unknown;
      wrapper = function (this: unknown, ...args: unknown[]): unknown {
        deprecationWarning(`Please use ${original} instead.`);
        return target.apply(this, args);
      };
      wrappers.set(original, wrapper);
    }
    table[alias] = wrapper;
  }
  installMethods(owner, table);
  for (const wrapper of wrappers.values()) {
    Object.defineProperty(wrapper, "name", { value: "deprecated_func" });
    Object.defineProperty(wrapper, "__qualname__", { value: "TestCase._deprecate.<locals>.deprecated_func", configurable: true });
  }
}
