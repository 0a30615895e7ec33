// Attributes a class shows that the runtime keeps elsewhere. CPython's classes hold a
// descriptor for each data attribute of their instances (`slice.start` is a member_descriptor,
// `memoryview.nbytes` a getset_descriptor, `inspect.Parameter.name` a property), while the
// runtime keeps such attributes as plain fields of the instance; a built-in type object made by
// defineType (`slice`) is a function whose instances' methods live on another JS class; and a
// runtime class over dict's JS class (a defaultdict) finds dict's methods through its instances'
// method table, not on itself. Declared here, each becomes a static of the class (what
// `Cls.name`, emitted code's direct reads, `dir(Cls)` and `hasattr(Cls, name)` find); reads
// through instances are untouched (no cost on the hot paths).

import { GetSetDescriptor, MemberDescriptor, methodDescriptor } from "./data-descriptors.js";
import { PyProperty } from "../lang/descriptors.js";
import { functionKey, objectKey } from "../lang/attr-names.js";
import { getattr } from "./builtin-functions.js";

/** member: a C struct field or a `__slots__` entry; getset: a C getter; property: a Python property. */
export type DataKind = "member" | "getset" | "property";

/** Marks a built-in type object (`slice`) given its names here (dir lists object's names for it). */
const DECLARED = Symbol.for("pyts.declaredAttributes");

function define(cls: Function, name: string, value: unknown): void {
  Object.defineProperty(cls, functionKey(name), { value, writable: true, configurable: true });
  if (!Object.hasOwn(cls, DECLARED)) Object.defineProperty(cls, DECLARED, { value: true });
}

/**
 * Declares instance data attributes of `cls` (space-separated `names`): `cls.name` is the
 * descriptor CPython's class holds, reading the instance's attribute. `writable` names may be
 * set and deleted through the descriptor; `owner` is the class CPython's descriptor names (a base
 * the runtime's class does not derive from: ExceptionGroup's BaseExceptionGroup).
 */
export function declareDataAttributes(cls: Function, kind: DataKind, names: string, writable = false, owner: Function = cls): void {
  for (const name of names.split(" ")) {
    if (kind === "property") define(cls, name, new PyProperty((self: unknown) => getattr(self, name)));
    else define(cls, name, kind === "member" ? new MemberDescriptor(owner, name, writable) : new GetSetDescriptor(owner, name, writable));
  }
}

/**
 * Declares methods of built-in type object `type` whose instances find them on `holder` (a JS
 * class's prototype: `slice.indices`, kept on the Slice class): `type.name` is a method descriptor
 * taking the instance first, `<method 'indices' of 'slice' objects>`.
 */
export function declareTypeMethods(type: Function, holder: object, names: string): void {
  for (const name of names.split(" ")) {
    const method = (holder as Record<string, (...a: unknown[]) => unknown>)[name]!;
    define(type, name, methodDescriptor(type, name, method));
  }
}

/**
 * Declares methods `cls` shows as its own that its instances reach through a built-in base
 * type's method table (`collections.OrderedDict.update`: `<method 'update' of
 * 'collections.OrderedDict' objects>`): the base type's method, described as `cls`'s.
 */
export function declareOwnBaseMethods(cls: Function, base: Function, names: string): void {
  const holder: Record<string, (...a: unknown[]) => unknown> = {};
  for (const name of names.split(" ")) {
    const method = (base as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    holder[name] = function (this: unknown, ...args: unknown[]): unknown {
      return method(this, ...args);
    };
  }
  declareTypeMethods(cls, holder, names);
}

/**
 * Declares the methods `cls` shows from a built-in base type (`collections.defaultdict.items` is
 * `dict.items`): the base type object's own.
 */
export function declareBaseMethods(cls: Function, base: Function, names: string): void {
  for (const name of names.split(" ")) define(cls, name, (base as unknown as Record<string, unknown>)[name]);
}

/**
 * Declares plain class values (`random.Random.VERSION`): what CPython's class body binds, which
 * its instances read too (an instance's own attribute of the name hides it).
 */
export function declareClassValues(cls: Function, values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    define(cls, name, value);
    Object.defineProperty(cls.prototype, objectKey(name), { value, writable: true, configurable: true });
  }
}

/**
 * Declares class values made on first read (`textwrap.TextWrapper.wordsep_re`, a compiled
 * pattern: too costly to build when the runtime loads). The first read through the class or an
 * instance makes the value and keeps it as a plain one; a store on an instance stays the
 * instance's own, as for declareClassValues.
 */
export function declareLazyClassValues(cls: Function, makers: Record<string, () => unknown>): void {
  for (const [name, make] of Object.entries(makers)) {
    let made = false;
    let value: unknown;
    const settle = (): unknown => {
      if (!made) {
        value = make();
        made = true;
        declareClassValues(cls, { [name]: value });
      }
      return value;
    };
    Object.defineProperty(cls, functionKey(name), { get: settle, set: (v: unknown) => ((made = true), declareClassValues(cls, { [name]: v })), configurable: true });
    Object.defineProperty(cls.prototype, objectKey(name), {
      get: settle,
      set(this: object, v: unknown) {
        Object.defineProperty(this, objectKey(name), { value: v, writable: true, configurable: true, enumerable: true });
      },
      configurable: true,
    });
    if (!Object.hasOwn(cls, DECLARED)) Object.defineProperty(cls, DECLARED, { value: true });
  }
}

/** Has `type` (a built-in type object, `slice`) names declared on it? */
export function hasDeclarations(type: Function): boolean {
  return Object.hasOwn(type, DECLARED);
}
