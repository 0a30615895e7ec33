// The commonest str method calls, emitted by name (`w.strip("-")` is `callStrip(w, "-")`): a
// plain str answers at once through its method table, anything else (a str subclass, bytes,
// a user object defining the name) goes through callMethod, as the general call would.
//
// (Each helper takes as many parameters as the lowering passes, which calls it only with
// those counts: a rest parameter is an array made per call until V8 optimizes the caller,
// the first rounds of every loop. No Python value is `undefined`: it marks an omitted argument.)

import { callMethod } from "./methods.js";
import { STR_METHODS, whitespaceWords } from "./str-methods.js";

const { upper, lower, strip, lstrip, rstrip, split, rsplit, join, replace, startswith, endswith } = STR_METHODS as Record<string, (self: string, ...args: unknown[]) => any>;

/** `obj.name(a, b)` through callMethod, the omitted arguments left out. */
function general(obj: unknown, name: string, a?: unknown, b?: unknown, c?: unknown): any {
  if (a === undefined) return callMethod(obj, name);
  if (b === undefined) return callMethod(obj, name, a);
  if (c === undefined) return callMethod(obj, name, a, b);
  return callMethod(obj, name, a, b, c);
}

/** `obj.strip()`, `obj.strip(chars)`. */
export function callStrip(obj: unknown, chars?: unknown): any {
  return typeof obj === "string" ? strip!(obj, chars) : general(obj, "strip", chars);
}

/** `obj.lstrip()`, `obj.lstrip(chars)`. */
export function callLstrip(obj: unknown, chars?: unknown): any {
  return typeof obj === "string" ? lstrip!(obj, chars) : general(obj, "lstrip", chars);
}

/** `obj.rstrip()`, `obj.rstrip(chars)`. */
export function callRstrip(obj: unknown, chars?: unknown): any {
  return typeof obj === "string" ? rstrip!(obj, chars) : general(obj, "rstrip", chars);
}

/** `obj.split()`, `obj.split(sep)`, `obj.split(sep, maxsplit)`. */
export function callSplit(obj: unknown, sep?: unknown, maxsplit?: unknown): any {
  if (typeof obj !== "string") return general(obj, "split", sep, maxsplit);
  if (maxsplit === undefined) {
    // (the whole split without a limit: no argument parsing)
    if (sep === undefined || sep === null) return whitespaceWords(obj);
    if (typeof sep === "string" && sep !== "") return obj.split(sep);
    return split!(obj, sep);
  }
  return split!(obj, sep, maxsplit);
}

/** `obj.rsplit()`, `obj.rsplit(sep)`, `obj.rsplit(sep, maxsplit)`. */
export function callRsplit(obj: unknown, sep?: unknown, maxsplit?: unknown): any {
  if (typeof obj !== "string") return general(obj, "rsplit", sep, maxsplit);
  if (maxsplit === undefined) {
    // (without a limit, rsplit's parts are split's)
    if (sep === undefined || sep === null) return whitespaceWords(obj);
    if (typeof sep === "string" && sep !== "") return obj.split(sep);
    return rsplit!(obj, sep);
  }
  return rsplit!(obj, sep, maxsplit);
}

/** `obj.join(items)`. */
export function callJoin(obj: unknown, items: unknown): any {
  return typeof obj === "string" ? join!(obj, items) : callMethod(obj, "join", items);
}

/** `obj.upper()`. */
export function callUpper(obj: unknown): any {
  return typeof obj === "string" ? upper!(obj) : callMethod(obj, "upper");
}

/** `obj.lower()`. */
export function callLower(obj: unknown): any {
  return typeof obj === "string" ? lower!(obj) : callMethod(obj, "lower");
}

/** `obj.replace(old, new)`, `obj.replace(old, new, count)`. */
export function callReplace(obj: unknown, old: unknown, replacement: unknown, count?: unknown): any {
  return typeof obj === "string" ? replace!(obj, old, replacement, count) : general(obj, "replace", old, replacement, count);
}

/** `obj.startswith(prefix)` and with `start`, `end`. */
export function callStartswith(obj: unknown, prefix: unknown, start?: unknown, end?: unknown): any {
  return typeof obj === "string" ? startswith!(obj, prefix, start, end) : general(obj, "startswith", prefix, start, end);
}

/** `obj.endswith(suffix)` and with `start`, `end`. */
export function callEndswith(obj: unknown, suffix: unknown, start?: unknown, end?: unknown): any {
  return typeof obj === "string" ? endswith!(obj, suffix, start, end) : general(obj, "endswith", suffix, start, end);
}
