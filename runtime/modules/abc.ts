// Python's `abc`: `ABC` as a base class and `@abstractmethod`. A class with abstract methods
// left (its own or inherited, not overridden) cannot be instantiated: ABC's constructor, which
// every subclass's constructor reaches, raises CPython's TypeError naming them.
import { PyTypeError } from "../values/exceptions.js";
import { className } from "../values/typename.js";
import { functionKey, objectKey, pythonName } from "../lang/attr-names.js";
import { moduleObject } from "./module-object.js";

const abstractCache = new WeakMap<Function, string[]>();

function isAbstract(f: unknown): boolean {
  return (typeof f === "function" || (typeof f === "object" && f !== null)) && (f as { __isabstractmethod__?: unknown }).__isabstractmethod__ === true;
}

/** The names whose attribute (first found along the prototype chain) is still abstract, sorted. */
function abstractMethodsOf(cls: Function): string[] {
  const cached = abstractCache.get(cls);
  if (cached !== undefined) return cached;
  const seen = new Set<string>();
  const abstract: string[] = [];
  for (let p = cls.prototype as object | null; p !== null && p !== ABC.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const key of Object.getOwnPropertyNames(p)) {
      if (key === "constructor" || seen.has(key)) continue;
      seen.add(key);
      const d = Object.getOwnPropertyDescriptor(p, key)!;
      if (isAbstract(d.value) || isAbstract(d.get)) abstract.push(pythonName(key, false) ?? key);
    }
  }
  abstract.sort();
  abstractCache.set(cls, abstract);
  return abstract;
}

/** `class Shape(ABC)`. */
export class ABC {
  static readonly __module__ = "abc";

  constructor(..._args: any[]) {
    const abstract = abstractMethodsOf(new.target);
    if (abstract.length > 0) {
      const noun = abstract.length === 1 ? "method" : "methods";
      throw new PyTypeError(`Can't instantiate abstract class ${className(new.target)} with abstract ${noun} ${abstract.join(", ")}`);
    }
  }
}

/** `@abstractmethod`: marks the function (`f.__isabstractmethod__ is True`). */
export function abstractmethod<F>(f: F): F {
  (f as { __isabstractmethod__?: boolean }).__isabstractmethod__ = true;
  return f;
}

/**
 * `@property @abstractmethod def name(self)` (abstractmethod under another built-in decorator):
 * marks what the class holds under that name, a property's getter or the function itself.
 */
export function markAbstract(cls: any, key: string): void {
  for (const [holder, k] of [[cls.prototype, objectKey(key)], [cls, functionKey(key)]] as [object, string][]) {
    const d = Object.getOwnPropertyDescriptor(holder, k);
    if (d === undefined) continue;
    abstractmethod(d.get ?? d.value);
    const fget = (d.value as { fget?: unknown } | undefined)?.fget;
    if (typeof fget === "function") abstractmethod(fget);
  }
}

export const abcModule = moduleObject("abc", { ABC, abstractmethod });
