// A program module's namespace as Python shows it: `globals()`, `vars(m)`, `m.__dict__` and
// `dir(m)`. The module's globals live in its JS variables (read and rebound through the
// module object's accessors), so the dict's table brings itself up to date from the module
// object before each use (a module's namespace is small), and its writes go through to the
// module: `globals()["x"] = 1` rebinds the global x, and a new key becomes an attribute of
// the module, which the module's own code then reads as a global (lookupGlobal).
import { builtinScopeValue } from "../lang/builtin-scope.js";
import { Dict, KeyTable } from "../values/dict.js";
import { AttributeError, nameErrorOf } from "../values/exceptions.js";
import { withNameHint } from "../values/suggestions.js";
import { objectKey, pythonName } from "../lang/attr-names.js";

/** The key `vars()` and `dir()` ask an object with its own namespace for (a program module). */
export const NAMESPACE = Symbol.for("pyts.namespace");

/** The module's dunder names, as CPython sets them at import (in its order). */
export type ModuleDunders = Record<string, unknown>;

interface NamespaceSource {
  module: object;
  dunders: () => ModuleDunders;
  /** own keys of the module object that are no Python attributes */
  internal: ReadonlySet<string>;
}

/** The module's Python attributes now, in order: its dunders, then its bound globals and other attributes. */
function currentEntries(source: NamespaceSource): Map<string, unknown> {
  const entries = new Map<string, unknown>(Object.entries(source.dunders()));
  for (const key of Object.keys(source.module)) {
    const name = pythonName(key, false);
    if (name === null || source.internal.has(key) || entries.has(name)) continue;
    try {
      entries.set(name, (source.module as Record<string, unknown>)[key]);
    } catch (error) {
      // A global the body has not bound yet is not in the namespace.
      if (!(error instanceof AttributeError)) throw error;
    }
  }
  return entries;
}

/** A KeyTable that first takes in what changed in the module since it was last used. */
class ModuleTable extends KeyTable<unknown, unknown> {
  constructor(private readonly source: NamespaceSource) {
    super();
  }

  private sync(): void {
    const entries = currentEntries(this.source);
    for (const entry of [...super.iterate("dictionary")]) if (typeof entry.key !== "string" || !entries.has(entry.key)) super.delete(entry.key);
    for (const [name, value] of entries) super.set(name, value);
  }

  override get size(): number {
    this.sync();
    return super.size;
  }
  override find(key: unknown): ReturnType<KeyTable<unknown, unknown>["find"]> {
    this.sync();
    return super.find(key);
  }
  override set(key: unknown, value: unknown): void {
    if (typeof key === "string") (this.source.module as Record<string, unknown>)[objectKey(key)] = value;
    super.set(key, value);
  }
  override delete(key: unknown): ReturnType<KeyTable<unknown, unknown>["delete"]> {
    this.sync();
    if (typeof key === "string") this.forget(objectKey(key));
    return super.delete(key);
  }
  override clear(): void {
    for (const key of Object.keys(this.source.module)) if (!this.source.internal.has(key)) this.forget(key);
    super.clear();
  }
  /** Removes the module's attribute (its fixed ones, such as `__name__`, stay). */
  private forget(key: string): void {
    if (Object.getOwnPropertyDescriptor(this.source.module, key)?.configurable) delete (this.source.module as Record<string, unknown>)[key];
  }
  override iterate(what: string): ReturnType<KeyTable<unknown, unknown>["iterate"]> {
    this.sync();
    return super.iterate(what);
  }
  override first(): ReturnType<KeyTable<unknown, unknown>["first"]> {
    this.sync();
    return super.first();
  }
  override last(): ReturnType<KeyTable<unknown, unknown>["last"]> {
    this.sync();
    return super.last();
  }
}

export class ModuleNamespace extends Dict<unknown, unknown> {
  static override readonly pythonName = "dict";

  constructor(module: object, dunders: () => ModuleDunders, internal: ReadonlySet<string>) {
    super();
    (this as { table: KeyTable<unknown, unknown> }).table = new ModuleTable({ module, dunders, internal });
  }
}

/** `globals()` in a program module (and `vars()`/`dir()` at its top level). */
export function moduleNamespace(module: { [NAMESPACE](): Dict }): Dict {
  return module[NAMESPACE]();
}

/**
 * `locals()` in a function: its frame's dict (one per call, made by the first locals()) brought
 * up to date, as CPython's: each bound name set in the order the lowering gives (CPython's),
 * each unbound one (undefined) removed.
 */
export function localsSnapshot(names: readonly string[], values: readonly unknown[], frame: Dict | undefined): Dict {
  const dict = frame ?? new Dict<unknown, unknown>();
  for (let i = 0; i < names.length; i++) {
    if (values[i] !== undefined) dict.set(names[i]!, values[i]);
    else if (dict.has(names[i]!)) dict.delete(names[i]!);
  }
  return dict;
}

/** `dir()` in a function: its bound names, sorted. */
export function localNames(names: readonly string[], values: readonly unknown[]): string[] {
  return names.filter((_, i) => values[i] !== undefined).sort();
}

/**
 * A global the module's code reads but never binds: an attribute something set on the module
 * object (`globals()["x"] = 1`, `setattr(m, "x", 1)` from another module), else NameError.
 */
export function lookupGlobal(module: object, name: string, hint?: string): any {
  const key = objectKey(name);
  if (Object.hasOwn(module, key)) return (module as Record<string, unknown>)[key];
  // (then the builtins module, which the program may have given names: `builtins.x = 1`)
  const builtin = builtinScopeValue(name);
  if (builtin !== undefined) return builtin;
  throw withNameHint(nameErrorOf(`name '${name}' is not defined`, name), hint);
}
