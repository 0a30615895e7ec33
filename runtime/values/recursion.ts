// CPython's RecursionError names where the limit was hit when a C-level check trips it:
// "... while calling a Python object" (a `__call__` instance, `__hash__`, a sort key),
// "... in comparison" (rich comparison dunders).
// JS reports a stack overflow as a RangeError; the runtime sites standing for those checks
// tag it on its way out when the recursion cycles through them (many nested entries), so a
// plain Python recursion that merely started under such a site keeps the plain message.

const WHERE = Symbol.for("pyts.recursionWhere");

/** Nested entries into the sites below: a cycle through them runs this up by thousands. */
let siteDepth = 0;
/** Entries deeper than this mean the recursion goes through the site itself. */
const CYCLE_DEPTH = 64;

export function isStackOverflow(e: unknown): e is RangeError {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export function enterRecursionSite(): void {
  siteDepth++;
}

export function leaveRecursionSite(): void {
  siteDepth--;
}

/** An error leaving a site: a stack overflow cycling through it is tagged with `where`. */
export function noteRecursionSite(e: unknown, where: string): void {
  if (siteDepth > CYCLE_DEPTH && isStackOverflow(e) && !Object.hasOwn(e, WHERE)) {
    Object.defineProperty(e, WHERE, { value: where });
  }
}

/** The RecursionError message for a JS stack overflow. */
export function recursionMessage(e: RangeError): string {
  const where = (e as { [WHERE]?: string })[WHERE];
  return `maximum recursion depth exceeded${where ?? ""}`;
}

export const CALLING = " while calling a Python object";
export const COMPARING = " in comparison";

// A JS binding read in its temporal dead zone (`const X` read by a function called before
// `X = ...` ran) is Python's NameError for a global not yet bound.
const UNINITIALIZED = /^Cannot access '([^']+)' before initialization$|^([\w$]+) is not defined$/;

/** The Python name of a JS ReferenceError for an unbound name, else null. */
export function unboundJsName(e: unknown): string | null {
  if (!(e instanceof ReferenceError)) return null;
  const m = UNINITIALIZED.exec(e.message);
  if (m === null) return null;
  const name = (m[1] ?? m[2])!;
  // (jsName's renaming of reserved words: `arguments_` is Python's `arguments`)
  return /^[A-Za-z]+_$/.test(name) && RESERVED_JS.has(name.slice(0, -1)) ? name.slice(0, -1) : name;
}

const RESERVED_JS = new Set(["arguments", "await", "case", "catch", "const", "debugger", "default", "delete", "do", "enum", "eval", "export", "extends", "function", "implements", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "static", "super", "switch", "this", "throw", "true", "false", "typeof", "var", "void", "yield", "undefined", "NaN", "Infinity", "Object", "Array", "Symbol", "Promise", "Error", "Function", "Number", "String", "Boolean", "BigInt", "Map", "Set", "JSON", "Math", "Reflect", "globalThis"]);

export function unboundNameMessage(name: string): string {
  return `name '${name}' is not defined`;
}
