// collections.namedtuple: builds a Tuple subclass with named read-only fields, positional and
// keyword construction, defaults, _make/_replace/_asdict/_fields and CPython's repr and errors.

import { functionKey, objectKey } from "../lang/attr-names.js";
import { Dict } from "../values/dict.js";
import { AttributeError, PyTypeError, ValueError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { deleters } from "../lang/descriptors.js";
import { tuple } from "../values/builtin-types.js";
import { isNone, pyClass } from "./callable-class.js";
import { pyDef } from "../lang/functions.js";
import { functionInfo } from "../lang/function-info.js";

function fieldList(spec: unknown): string[] {
  if (typeof spec === "string") return spec.replace(/,/g, " ").split(/\s+/).filter((s) => s !== "");
  return Array.from(iterable(spec), (f) => String(f));
}

/** Python's keywords (keyword.kwlist): not field names. */
const KEYWORDS = new Set("False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "));

function validate(typename: string, fields: string[], rename: boolean): string[] {
  const seen = new Set<string>();
  const out = fields.map((name, i) => {
    const bad = !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || KEYWORDS.has(name) || name.startsWith("_") || seen.has(name);
    seen.add(name);
    if (bad && rename) return `_${i}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ValueError(`Type names and field names must be valid identifiers: ${repr(name)}`);
    }
    if (KEYWORDS.has(name)) throw new ValueError(`Type names and field names cannot be a keyword: ${repr(name)}`);
    if (name.startsWith("_")) throw new ValueError(`Field names cannot start with an underscore: ${repr(name)}`);
    if (fields.indexOf(name) !== i) throw new ValueError(`Encountered duplicate field name: ${repr(name)}`);
    return name;
  });
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(typename)) {
    throw new ValueError(`Type names and field names must be valid identifiers: ${repr(typename)}`);
  }
  return out;
}

/** `P.x`: CPython's `_tuplegetter`, the descriptor a field is on its class. */
export class _tuplegetter {
  static readonly __module__ = "_collections";
  __doc__: unknown;
  constructor(
    readonly index: number,
    doc: unknown,
  ) {
    this.__doc__ = doc;
  }

  __get__(obj: unknown, _owner: unknown = null): unknown {
    if (obj === null || obj === undefined) return this;
    if (!(obj instanceof Tuple)) throw new PyTypeError(`descriptor for index '${this.index}' for tuple subclasses doesn't apply to '${typeName(obj)}' object`);
    return obj.items[this.index];
  }

  __set__(_obj: unknown, _value: unknown): void {
    throw new AttributeError("can't set attribute");
  }

  __delete__(_obj: unknown): void {
    throw new AttributeError("can't delete attribute");
  }

  __repr__(): string {
    return `_tuplegetter(${this.index}, ${repr(this.__doc__)})`;
  }
}

/** The class namedtuple() returns (each call makes a fresh subclass of this). */
export abstract class NamedTupleBase extends Tuple<unknown> {
  static _fields: Tuple<string>;
  static _field_defaults: Dict<string, unknown>;

  // Instances see the class's `_fields` and `_field_defaults`, as Python's attribute lookup does.
  get _fields(): Tuple<string> {
    return (this.constructor as typeof NamedTupleBase)._fields;
  }

  get _field_defaults(): Dict<string, unknown> {
    return (this.constructor as typeof NamedTupleBase)._field_defaults;
  }

  _asdict(): Dict<string, unknown> {
    const fields = (this.constructor as typeof NamedTupleBase)._fields.items;
    return new Dict(fields.map((f, i) => [f, this.items[i]] as const));
  }

  _replace(...args: unknown[]): NamedTupleBase {
    const [, kws] = splitKw(args);
    const cls = this.constructor as typeof NamedTupleBase;
    const fields = cls._fields.items;
    const unknown = Object.keys(kws).filter((k) => !fields.includes(k));
    if (unknown.length > 0) throw new ValueError(`Got unexpected field names: ${repr(unknown)}`);
    const values = fields.map((f, i) => (f in kws ? kws[f] : this.items[i]));
    return Reflect.construct(cls, values) as NamedTupleBase;
  }

  __repr__(): string {
    const cls = this.constructor as typeof NamedTupleBase;
    const parts = cls._fields.items.map((f, i) => `${f}=${repr(this.items[i])}`);
    return `${typeName(this)}(${parts.join(", ")})`;
  }

  __getnewargs__(): Tuple {
    return Tuple.from(this.items);
  }
}

// In `__mro__` a named tuple class's base shows as tuple.
Object.defineProperty(NamedTupleBase, Symbol.for("pyts.pythonType"), { get: () => tuple });

/** A named tuple class as emitted code sees it: called or constructed, a base class, iterable instances. */
export type NamedTupleClass = {
  new (...args: any[]): { [Symbol.iterator](): Iterator<any>; [attr: string]: any };
  (...args: any[]): any;
  [attr: string]: any;
};

/** `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`. */
export function namedtuple(...args: unknown[]): NamedTupleClass {
  const [pos, kws] = splitKw(args);
  const typename = String(pos[0] ?? kws["typename"]);
  const fields = validate(typename, fieldList(pos.length > 1 ? pos[1] : kws["field_names"]), kws["rename"] === true);
  const defaults = isNone(kws["defaults"]) ? [] : Array.from(iterable(kws["defaults"]));
  return makeNamedTuple(typename, fields, defaults, typeof kws["module"] === "string" ? kws["module"] : "__main__");
}

/**
 * `class Employee(NamedTuple)` with annotated fields (`dept: str = "eng"` gives a default):
 * the named tuple class the class statement derives from. It stands for `tuple` in `__mro__`,
 * as CPython's class is the named tuple itself.
 */
export function namedTupleBase(typename: string, fields: string[], defaults: Record<string, unknown>): NamedTupleClass {
  const named = fields.filter((f) => Object.hasOwn(defaults, f));
  const firstDefault = fields.findIndex((f) => Object.hasOwn(defaults, f));
  if (firstDefault >= 0) {
    const late = fields.slice(firstDefault).find((f) => !Object.hasOwn(defaults, f));
    if (late !== undefined) throw new PyTypeError(`Non-default namedtuple field ${late} cannot follow default field ${fields[firstDefault]}`);
  }
  for (const f of fields) {
    if (f.startsWith("_")) throw new ValueError(`Field names cannot start with an underscore: ${repr(f)}`);
  }
  const base = makeNamedTuple(typename, fields, named.map((f) => defaults[f]), "__main__");
  Object.defineProperty(base, Symbol.for("pyts.pythonType"), { get: () => tuple });
  Object.defineProperty(base, STATEMENT_BASE, { value: true });
  return base;
}

export function makeNamedTuple(typename: string, fields: string[], defaults: unknown[], module: string): any {
  if (defaults.length > fields.length) throw new PyTypeError("Got more default values than field names");
  const firstDefault = fields.length - defaults.length;
  const fieldDefaults = new Dict<string, unknown>(defaults.map((d, i) => [fields[firstDefault + i]!, d] as const));
  const where = `${typename}.__new__()`;

  const cls = class extends NamedTupleBase {
    constructor(...callArgs: unknown[]) {
      const [given, named] = splitKw(callArgs);
      if (given.length > fields.length) {
        // (counted with `cls`, "from 2 to 3" when `__new__.__defaults__` leaves fields optional)
        const required = fields.length - newDefaults(newFunction).length;
        const takes = required < fields.length ? `from ${required + 1} to ${fields.length + 1}` : `${fields.length + 1}`;
        throw new PyTypeError(`${where} takes ${takes} positional arguments but ${given.length + 1} were given`);
      }
      const values: unknown[] = given.slice();
      for (const [name, value] of Object.entries(named)) {
        const at = fields.indexOf(name);
        if (at < 0) throw new PyTypeError(`${where} got an unexpected keyword argument '${name}'`);
        if (at < given.length) throw new PyTypeError(`${where} got multiple values for argument '${name}'`);
        values[at] = value;
      }
      // (the defaults are `__new__.__defaults__`'s, which a program may replace: the recipe
      // `Node.__new__.__defaults__ = (None,) * len(Node._fields)`)
      const current = newDefaults(newFunction);
      const firstCurrent = fields.length - current.length;
      const missing: string[] = [];
      for (let i = 0; i < fields.length; i++) {
        if (i in values && values[i] !== undefined) continue;
        if (i >= firstCurrent) values[i] = current[i - firstCurrent];
        else missing.push(fields[i]!);
      }
      if (missing.length > 0) throw missingError(where, missing);
      super(values);
      // `__slots__ = ()`: the named tuple's own instances take no new attributes (a subclass
      // without `__slots__` gives its instances a `__dict__`).
      // The class statement's class stands for the named tuple class itself.
      if (new.target === cls || new.target === callable || Object.hasOwn(Object.getPrototypeOf(new.target) as object, STATEMENT_BASE)) return new Proxy(this, NO_NEW_ATTRIBUTES);
    }

    static _make(source: unknown): NamedTupleBase {
      const values = Array.from(iterable(source));
      if (values.length !== fields.length) {
        throw new PyTypeError(`Expected ${fields.length} arguments, got ${values.length}`);
      }
      return Reflect.construct(this, values) as NamedTupleBase;
    }
  };
  fields.forEach((name, i) => {
    // A field is a read-only property (CPython's _tuplegetter): assigning or deleting raises.
    Object.defineProperty(cls.prototype, objectKey(name), {
      get(this: Tuple) {
        return this.items[i];
      },
      set() {
        throw new AttributeError("can't set attribute");
      },
    });
    deleters(cls.prototype).set(name, () => {
      throw new AttributeError("can't delete attribute");
    });
    // (read through the class, the field is its descriptor)
    Object.defineProperty(cls, functionKey(name), { value: new _tuplegetter(i, `Alias for field number ${i}`), writable: true, configurable: true });
  });
  Object.defineProperties(cls, {
    name: { value: typename },
    pythonName: { value: typename },
    __name__: { value: typename },
    __qualname__: { value: typename },
    __module__: { value: module },
    __doc__: { value: `${typename}(${fields.join(", ")})`, writable: true, configurable: true },
    _fields: { value: Tuple.from(fields) },
    __match_args__: { value: Tuple.from(fields) },
    _field_defaults: { value: fieldDefaults },
  });
  // `P.__new__`: the function making the instances, whose `__defaults__` are the fields' defaults
  const newFunction = function __new__(owner: unknown, ...args: unknown[]): unknown {
    return Reflect.construct(owner as Function, args);
  };
  pyDef(newFunction, `${typename}.__new__`, null, { defaults });
  Object.defineProperty(cls, "__new__", { value: newFunction, writable: true, configurable: true });
  const callable = pyClass(cls);
  // `type(p) is P`: the instances' class is the class namedtuple() returned.
  Object.defineProperty(cls.prototype, "constructor", { value: callable, writable: true, configurable: true });
  return callable;
}

/** The defaults `__new__.__defaults__` holds now (written ones replace the fields' defaults). */
function newDefaults(newFunction: Function): readonly unknown[] {
  return functionInfo(newFunction)?.defaults ?? [];
}

/** Marks the base a `class X(NamedTuple)` statement derives from. */
const STATEMENT_BASE = Symbol.for("pyts.namedtuple.statement");

const NO_NEW_ATTRIBUTES: ProxyHandler<NamedTupleBase> = {
  set(target, key, value, receiver) {
    if (typeof key === "string" && !(key in target)) throw new AttributeError(`'${typeName(target)}' object has no attribute '${key}'`);
    return Reflect.set(target, key, value, receiver);
  },
};

function missingError(where: string, missing: string[]): PyTypeError {
  const quoted = missing.map((m) => `'${m}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
  const noun = missing.length === 1 ? "argument" : "arguments";
  return new PyTypeError(`${where} missing ${missing.length} required positional ${noun}: ${list}`);
}
