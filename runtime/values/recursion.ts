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
