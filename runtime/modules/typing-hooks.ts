// What emitted code calls for typing's features, kept apart from the typing module itself so
// that the runtime's core loads none of typing until a program uses it: the table of string
// hints a module registers, a subscripted base's class, and `__orig_bases__`.

import { Tuple } from "../values/tuple.js";

/** Per module: the string hints the compiler found resolvable, each to its value. */
export const forwardTables = new Map<string, Map<string, () => unknown>>();

/** Registered by compiled modules: `forwardRefs("__main__", { Node: () => Node })`. */
export function forwardRefs(module: string, table: Record<string, () => unknown>): void {
  const known = forwardTables.get(module) ?? new Map<string, () => unknown>();
  for (const [text, thunk] of Object.entries(table)) known.set(text, thunk);
  forwardTables.set(module, known);
}

/** `base.__mro_entries__` for a subscripted base: `Generic[T]` stands for Generic in the class chain. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mroBase(base: unknown): any {
  const entries = base !== null && typeof base === "object" ? (base as { __mro_entries__?: (b: unknown) => unknown }).__mro_entries__ : undefined;
  if (typeof entries !== "function") return base;
  const result = entries.call(base, Tuple.of(base));
  return result instanceof Tuple ? result.items[0] : result;
}

/** typing's handling of a class's subscripted bases, once the typing module has loaded. */
let typingOrigBases: ((cls: object, bases: unknown[]) => void) | null = null;

export function setOrigBasesHandler(handler: (cls: object, bases: unknown[]) => void): void {
  typingOrigBases = handler;
}

/** A class with subscripted bases records them as written (`__orig_bases__`). */
export function origBases(cls: object, bases: unknown[]): void {
  if (typingOrigBases !== null) return typingOrigBases(cls, bases);
  // without typing loaded no base is one of its aliases (`list[int]`): no type parameters
  Object.defineProperty(cls, "__orig_bases__", { value: Tuple.from(bases), writable: true, configurable: true });
}
