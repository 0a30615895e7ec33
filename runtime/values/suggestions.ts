// CPython's "Did you mean" hint for an AttributeError or a NameError (Python/suggestions.c in
// 3.11): the closest of the candidate names by a Levenshtein distance in which a case change
// costs 1 and any other edit 2, no more than a third of the characters changed. CPython adds
// the hint when it prints the traceback, not to str(e), and so does pyts.

import { pythonName } from "../lang/attr-names.js";
import { dir } from "../lang/objects.js";

const MAX_CANDIDATE_ITEMS = 750;
const MAX_STRING_SIZE = 40;
const MOVE_COST = 2;
const CASE_COST = 1;

/** Where a missing-attribute AttributeError came from (set by missingAttribute). */
export const ATTRIBUTE_TARGET = Symbol.for("pyts.attributeTarget");

interface AttributeTarget {
  obj: object;
  name: string;
  /** the hint the compiler chose from CPython's names for the module (undefined: compute) */
  suggestion?: string | null;
}

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return MOVE_COST;
  if (a === b) return 0;
  const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
  return lower(a) === lower(b) ? CASE_COST : MOVE_COST;
}

function levenshtein(a0: Uint8Array, b0: Uint8Array, maxCost: number): number {
  let a = a0;
  let b = b0;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  a = a.subarray(start);
  b = b.subarray(start);
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > 0 && bEnd > 0 && a[aEnd - 1] === b[bEnd - 1]) {
    aEnd--;
    bEnd--;
  }
  a = a.subarray(0, aEnd);
  b = b.subarray(0, bEnd);
  if (a.length === 0 || b.length === 0) return (a.length + b.length) * MOVE_COST;
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) buffer[i] = (i + 1) * MOVE_COST;
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    const code = b[bi]!;
    let distance = (result = bi * MOVE_COST);
    let minimum = Infinity;
    for (let i = 0; i < a.length; i++) {
      const substitute = distance + substitutionCost(code, a[i]!);
      distance = buffer[i]!;
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** The candidate closest to `name`, as CPython chooses it, or null. */
export function closestName(candidates: readonly string[], name: string): string | null {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return null;
  const encoder = new TextEncoder();
  const wanted = encoder.encode(name);
  let best: string | null = null;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  for (const item of candidates) {
    if (item === name) continue;
    const bytes = encoder.encode(item);
    const maxDistance = Math.min(Math.floor(((wanted.length + bytes.length + 3) * MOVE_COST) / 6), bestDistance - 1);
    const distance = levenshtein(wanted, bytes, maxDistance);
    if (distance > maxDistance) continue;
    if (best === null || distance < bestDistance) {
      best = item;
      bestDistance = distance;
    }
  }
  return best;
}

/** Records on an AttributeError the object and name it is about (CPython's `obj` and `name`). */
export function setAttributeTarget<E extends object>(error: E, obj: object, name: string): E {
  Object.defineProperty(error, ATTRIBUTE_TARGET, { value: { obj, name } satisfies AttributeTarget, enumerable: false, configurable: true });
  return error;
}

/**
 * Replaces the hint of an AttributeError about a module with the one the compiler found among
 * CPython's names for that module (pyts's module lacks CPython's private names, which CPython
 * may suggest: `asyncio.ensure_task` -> `_enter_task`).
 */
export function setSuggestion(error: unknown, suggestion: string | null): void {
  const target = (error as { [ATTRIBUTE_TARGET]?: AttributeTarget } | null)?.[ATTRIBUTE_TARGET];
  if (target !== undefined) target.suggestion = suggestion;
}

/**
 * `. Did you mean: 'x'?` for an AttributeError about a missing name, else "": a module's
 * closest name, any other object's closest among `dir(obj)` (only an error that carries the
 * `name` it is about: one raised by a lookup, or made with `name=`).
 */
export function attributeSuggestion(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const target = (error as { [ATTRIBUTE_TARGET]?: AttributeTarget })[ATTRIBUTE_TARGET];
  if (target === undefined) {
    const name = (error as { name?: unknown }).name;
    if (typeof name !== "string") return "";
    let names: string[];
    try {
      names = dir((error as { obj?: unknown }).obj);
    } catch {
      return "";
    }
    return hintText(closestName(names, name));
  }
  if (target.suggestion !== undefined) return hintText(target.suggestion);
  const names = Object.getOwnPropertyNames(target.obj)
    .map((key) => pythonName(key, false))
    .filter((n): n is string => n !== null)
    .sort();
  return hintText(closestName(names, target.name));
}

/** The hint the compiler chose for a NameError, among the frame's locals, globals and builtins. */
const NAME_HINT = Symbol.for("pyts.nameHint");

/** Records on a NameError the hint its traceback shows (none when `hint` is undefined). */
export function withNameHint<E extends object>(error: E, hint: string | undefined): E {
  if (hint !== undefined) Object.defineProperty(error, NAME_HINT, { value: hint, enumerable: false, configurable: true });
  return error;
}

/** `. Did you mean: 'x'?` for a NameError the compiler found a close name for, else "". */
export function nameSuggestion(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const hint = (error as { [NAME_HINT]?: string })[NAME_HINT];
  return hint === undefined ? "" : hintText(hint);
}

function hintText(best: string | null): string {
  return best === null ? "" : `. Did you mean: '${best}'?`;
}
