// Python's `dataclasses`, runtime side. The lowering emits a @dataclass class as a normal TS
// class whose constructor it writes itself, followed by one call:
//
//   Point = dataclasses.dataclass(Point, {
//     fields: [["x", dataclasses.MISSING, null], ["y", 0n, null], ["tags", dataclasses.MISSING, list]],
//     eq: true, order: false, frozen: false, repr: true, unsafe_hash: false,
//   });
//
// Each field is [name, default or MISSING, default_factory or null]; the default slot may
// instead hold the Field returned by `dataclasses.field(...)` (its repr/compare/hash flags are
// honoured). Options left out take CPython's defaults. The call installs __repr__, __eq__,
// __hash__ (None when eq and not frozen), ordering methods (order=True) and frozen-ness, and
// returns the class. Use the returned value: for frozen classes it is a Proxy whose instances
// turn their own field properties read-only after the constructor runs (this is what makes
// `p.x = 1` raise FrozenInstanceError even when the class declares its fields as class fields).

import { objectKey } from "../lang/attr-names.js";
import { attributeHooks } from "../lang/attribute-hooks.js";
import { Dict } from "../values/dict.js";
import { AttributeError, PyTypeError, ValueError } from "../values/exceptions.js";
import { pyHash } from "../values/hashing.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { eq, lt, le, gt, ge } from "../values/compare.js";
import { Tuple } from "../values/tuple.js";
import { markClassProxy, qualName, typeName } from "../values/typename.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";
import { InitVar, KW_ONLY, make_dataclass } from "./dataclasses-make.js";
import { MappingProxyType } from "./types.js";
import { DataclassParams } from "./dataclass-params.js";
import { PySet } from "../values/set.js";
import { typeOf } from "../values/builtin-types.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

class MissingType {
  static readonly pythonName = "_MISSING_TYPE";
  static readonly __module__ = "dataclasses";
  __repr__(): string {
    return "<dataclasses._MISSING_TYPE object>";
  }
}
/** The "no default" marker. */
export const MISSING: unknown = new MissingType();

export class FrozenInstanceError extends AttributeError {
  static readonly __module__ = "dataclasses";
}
Object.defineProperty(FrozenInstanceError, "pythonName", { value: "FrozenInstanceError" });

/** An empty `metadata` (CPython shares one empty mappingproxy). */
const EMPTY_METADATA = new MappingProxyType(new Dict());

export class Field {
  static readonly __module__ = "dataclasses";
  /** ("" until the class is made; shown as None) */
  name = "";
  type: unknown = null;
  /** `_FIELD`, `_FIELD_CLASSVAR` or `_FIELD_INITVAR` once the class is made (None before). */
  _field_type: unknown = null;
  readonly metadata: unknown;
  constructor(
    readonly defaultValue: unknown,
    readonly default_factory: unknown,
    readonly init: boolean,
    readonly repr: boolean,
    readonly hash: unknown,
    readonly compare: boolean,
    metadata: unknown,
    public kw_only: unknown,
  ) {
    // `metadata` is read-only: a mappingproxy over the mapping given.
    this.metadata = isNone(metadata) || (metadata instanceof Dict && metadata.size === 0) ? EMPTY_METADATA : new MappingProxyType(metadata);
  }
  get default(): any {
    return this.defaultValue;
  }
  __repr__(): string {
    const fieldType = this._field_type === null ? "None" : String(this._field_type);
    return `Field(name=${this.name === "" ? "None" : repr(this.name)},type=${repr(this.type)},default=${repr(this.defaultValue)},default_factory=${repr(this.default_factory)},init=${repr(this.init)},repr=${repr(this.repr)},hash=${repr(this.hash)},compare=${repr(this.compare)},metadata=${repr(this.metadata)},kw_only=${repr(this.kw_only)},_field_type=${fieldType})`;
  }
}

/** `field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=MISSING)`. */
export function field(...args: unknown[]): Field {
  const [, kws] = splitKw(args);
  const def = "default" in kws ? kws["default"] : MISSING;
  const factory = "default_factory" in kws ? kws["default_factory"] : MISSING;
  if (def !== MISSING && factory !== MISSING) throw new PyTypeError("cannot specify both default and default_factory");
  return new Field(def, factory, kws["init"] !== false, kws["repr"] !== false, kws["hash"] ?? null,
    kws["compare"] !== false, kws["metadata"] ?? null, kws["kw_only"] ?? MISSING);
}

type FieldSpec = readonly [name: string, defaultOrField: unknown, factory: unknown, kwOnly?: boolean];

export interface DataclassOptions {
  fields?: readonly FieldSpec[];
  eq?: boolean;
  order?: boolean;
  frozen?: boolean;
  repr?: boolean;
  unsafe_hash?: boolean;
  kw_only?: boolean;
  /** Sets `__slots__` to the field names (other attributes stay assignable: no slot storage). */
  slots?: boolean;
  match_args?: boolean;
  init?: boolean;
  weakref_slot?: boolean;
  /** __init__'s parameter names in order, given when InitVars are among them. */
  params?: readonly string[];
  /** The InitVar parameters: [name, has a default]. */
  initVars?: readonly (readonly [string, boolean])[];
  /** The constructor binds keywords itself (make_dataclass): replace() passes them so. */
  byKeyword?: boolean;
  /** Each field's annotation as CPython evaluates it (`fields(C)[i].type`), when the program reads it. */
  types?: readonly unknown[];
}

interface DataclassInfo {
  byKeyword?: boolean;
  fields: Field[];
  frozen: boolean;
  params?: readonly string[];
  initVars?: readonly (readonly [string, boolean])[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass = abstract new (...args: any[]) => unknown;

const INFO = "__dataclass_info__";

function infoOf(x: unknown): DataclassInfo | undefined {
  if (x === null || x === undefined) return undefined;
  const holder = (typeof x === "function" ? x : (x as object).constructor) as unknown as Record<string, unknown>;
  return holder?.[INFO] as DataclassInfo | undefined;
}

function values(obj: object, fields: Field[], pick: (f: Field) => boolean): Tuple {
  return Tuple.from(fields.filter(pick).map((f) => (obj as Record<string, unknown>)[objectKey(f.name)]));
}

function define(proto: object, name: string, value: unknown): void {
  // (a generated method is named as the dunder it is, `Student.__repr__.__name__`)
  if (typeof value === "function" && name !== "constructor") Object.defineProperty(value, "name", { value: name, configurable: true });
  Object.defineProperty(proto, name, { value, writable: true, configurable: true });
}

/**
 * A frozen instance's field: an own property (so `vars(p)` and `p.__dict__` show it) whose
 * stores raise FrozenInstanceError.
 */
function defineFrozenField(obj: object, name: string, value: unknown): void {
  Object.defineProperty(obj, name, {
    get: () => value,
    set: () => {
      throw new FrozenInstanceError(`cannot assign to field '${name}'`);
    },
    enumerable: true,
    configurable: false,
  });
}

function freezeOwnFields(obj: object, fields: Field[]): void {
  for (const f of fields) {
    const d = Object.getOwnPropertyDescriptor(obj, f.name);
    if (!d || !("value" in d)) continue;
    defineFrozenField(obj, f.name, d.value);
  }
}

export function dataclass<C extends AnyClass>(cls: C, options: DataclassOptions = {}): C {
  const opts = { eq: true, order: false, frozen: false, repr: true, unsafe_hash: false, ...options };
  const fields = (opts.fields ?? []).map(([name, def, factory, kwOnly], i) => {
    const f = def instanceof Field ? def : new Field(def, isNone(factory) ? MISSING : factory, true, true, null, true, null, MISSING);
    f.name = name;
    f._field_type = "_FIELD";
    if (opts.types !== undefined) f.type = opts.types[i];
    // (the lowering's fields say which are keyword-only, inherited ones as their class made them)
    if (f.kw_only === MISSING) f.kw_only = kwOnly === true || (opts.kw_only === true && options.byKeyword === true);
    return f;
  });
  // A default of a type without hashing (list, dict, set, an eq dataclass) would be shared.
  for (const f of fields) {
    const d = f.defaultValue;
    const unhashable = Array.isArray(d) || d instanceof Dict || d instanceof PySet || (d !== null && typeof d === "object" && (d.constructor?.prototype as { __hash__?: unknown } | undefined)?.__hash__ === null);
    if (unhashable) throw new ValueError(`mutable default ${repr(typeOf(d))} for field ${f.name} is not allowed: use default_factory`);
  }
  if (opts.order && !opts.eq) throw new ValueError("eq must be true if order is true");
  // Fields of dataclass bases come first, as in CPython.
  const base = Object.getPrototypeOf(cls) as unknown;
  const baseInfo = infoOf(base);
  if (baseInfo !== undefined && baseInfo.frozen !== opts.frozen) {
    throw new PyTypeError(opts.frozen ? "cannot inherit frozen dataclass from a non-frozen one" : "cannot inherit non-frozen dataclass from a frozen one");
  }
  const inherited = baseInfo?.fields ?? [];
  const all = [...inherited.map((f) => fields.find((g) => g.name === f.name) ?? f), ...fields.filter((f) => !inherited.some((g) => g.name === f.name))];
  // __init__'s positional parameters: one without a default may not follow one with a default.
  if (opts.init !== false) {
    let defaulted = false;
    for (const f of all) {
      if (!f.init || f.kw_only === true) continue;
      const has = f.defaultValue !== MISSING || f.default_factory !== MISSING;
      if (has) defaulted = true;
      else if (defaulted) throw new PyTypeError(`non-default argument '${f.name}' follows default argument`);
    }
  }
  Object.defineProperty(cls, INFO, { value: { fields: all, frozen: opts.frozen, params: opts.params, initVars: opts.initVars, byKeyword: opts.byKeyword } satisfies DataclassInfo, configurable: true });
  Object.defineProperty(cls, "__dataclass_fields__", { value: new Dict(all.map((f) => [f.name, f] as const)), configurable: true });
  const params = new DataclassParams(opts.init !== false, opts.repr, opts.eq, opts.order, opts.unsafe_hash, opts.frozen);
  Object.defineProperty(cls, "__dataclass_params__", { value: params, writable: true, configurable: true });
  // Class patterns (`case Point(x, y):`) match positionally in field order, as CPython sets it.
  if (!Object.hasOwn(cls, "__match_args__")) {
    Object.defineProperty(cls, "__match_args__", { value: Tuple.from(all.filter((f) => f.init && f.kw_only !== true).map((f) => f.name)), configurable: true });
  }
  if (options.slots === true && !Object.hasOwn(cls, "__slots__")) {
    Object.defineProperty(cls, "__slots__", { value: Tuple.from(all.map((f) => f.name)), configurable: true });
  }
  const proto = cls.prototype as Record<string, unknown>;
  const own = (name: string): boolean => Object.hasOwn(proto, name);

  if (opts.repr && !own("__repr__")) {
    const generated = function (this: object): string {
      const parts = all.filter((f) => f.repr).map((f) => `${f.name}=${repr((this as Record<string, unknown>)[objectKey(f.name)])}`);
      return `${qualName(this.constructor)}(${parts.join(", ")})`;
    };
    // pprint lays out an instance whose repr is the generated one field by field.
    Object.defineProperty(generated, Symbol.for("pyts.dataclassReprFields"), { value: all });
    define(proto, "__repr__", generated);
  }
  const sameClass = (a: object, b: unknown): boolean =>
    typeof b === "object" && b !== null && (b as object).constructor === a.constructor;
  if (opts.eq && !own("__eq__")) {
    define(proto, "__eq__", function (this: object, other: unknown): any {
      if (!sameClass(this, other)) return NotImplemented;
      return eq(values(this, all, (f) => f.compare), values(other as object, all, (f) => f.compare));
    });
  }
  if (opts.order) {
    const ops: Array<[string, (a: unknown, b: unknown) => boolean]> = [["__lt__", lt], ["__le__", le], ["__gt__", gt], ["__ge__", ge]];
    for (const [name, op] of ops) {
      if (own(name)) {
        throw new PyTypeError(`Cannot overwrite attribute ${name} in class ${qualName(cls)}. Consider using functools.total_ordering`);
      }
      define(proto, name, function (this: object, other: unknown): any {
        if (!sameClass(this, other)) return NotImplemented;
        return op(values(this, all, (f) => f.compare), values(other as object, all, (f) => f.compare));
      });
    }
  }
  const hashable = (f: Field): boolean => (isNone(f.hash) ? f.compare : f.hash === true);
  if (!own("__hash__")) {
    if (opts.unsafe_hash || (opts.eq && opts.frozen)) {
      define(proto, "__hash__", function (this: object): bigint {
        return pyHash(values(this, all, hashable));
      });
    } else if (opts.eq) {
      define(proto, "__hash__", null);
    }
  }
  if (!opts.frozen) return cls;

  // `__init__`'s first store of a field makes the instance's own frozen field; a second raises.
  for (const f of all) {
    Object.defineProperty(proto, f.name, {
      get: () => undefined,
      set(this: object, value: unknown) {
        defineFrozenField(this, f.name, value);
      },
      configurable: true,
    });
  }
  define(proto, "__setattr__", function (this: object, name: string): never {
    throw new FrozenInstanceError(`cannot assign to field '${name}'`);
  });
  define(proto, "__delattr__", function (this: object, name: string): never {
    throw new FrozenInstanceError(`cannot delete field '${name}'`);
  });
  const frozenClass: C = new Proxy(cls, {
    // Called as a value (`make_dataclass(...)(1)`), the class constructs.
    apply(_target, _this, args) {
      return Reflect.construct(frozenClass, args);
    },
    construct(target, args, newTarget) {
      const obj = Reflect.construct(target, args, newTarget) as object;
      freezeOwnFields(obj, all);
      // Made as this very class (not as a subclass still initialising), the instance takes no
      // new attributes either: `p.z = 1` and `del p.x` raise through the __setattr__/__delattr__ above.
      return newTarget === frozenClass ? attributeHooks(obj) : obj;
    },
  });
  // (a Proxy's source text is not `class ...`: it is the class it stands for to type(), repr
  // and the checks that read a class's constructor)
  markClassProxy(frozenClass, cls);
  // type(obj) and replace() then see the class whose construction freezes.
  define(proto, "constructor", frozenClass);
  return frozenClass;
}

function requireDataclass(obj: unknown, fn: string): DataclassInfo {
  const info = infoOf(obj);
  if (!info || typeof obj === "function") {
    throw new PyTypeError(`${fn}() should be called on dataclass instances`);
  }
  return info;
}

export function fields(x: unknown): Tuple<Field> {
  const info = infoOf(x);
  if (!info) throw new PyTypeError("must be called with a dataclass type or instance");
  return Tuple.from(info.fields);
}

export function is_dataclass(x: unknown): boolean {
  return infoOf(x) !== undefined;
}

function convert(x: unknown, asTuple: boolean, factory?: unknown): any {
  const info = infoOf(x);
  if (info && typeof x === "object" && x !== null) {
    const items = info.fields.map((f) => [f.name, convert((x as Record<string, unknown>)[objectKey(f.name)], asTuple, factory)] as const);
    if (factory !== undefined) return callValue(factory, asTuple ? items.map(([, v]) => v) : items.map(([k, v]) => Tuple.of(k, v)));
    return asTuple ? Tuple.from(items.map(([, v]) => v)) : new Dict(items);
  }
  if (Array.isArray(x)) return x.map((v) => convert(v, asTuple, factory));
  if (x instanceof Tuple) {
    const items = x.items.map((v) => convert(v, asTuple, factory));
    return x.constructor === Tuple ? Tuple.from(items) : Reflect.construct(x.constructor, items);
  }
  if (x instanceof Dict) return new Dict([...x.entries()].map(([k, v]) => [convert(k, asTuple, factory), convert(v, asTuple, factory)] as const));
  return x;
}

/** `asdict(obj, *, dict_factory=dict)`. */
export function asdict(obj: unknown, ...args: unknown[]): any {
  requireDataclass(obj, "asdict");
  const [, kws] = splitKw(args);
  const factory = kws["dict_factory"];
  return factory === undefined ? convert(obj, false) : convert(obj, false, factory);
}

/** `astuple(obj, *, tuple_factory=tuple)`. */
export function astuple(obj: unknown, ...args: unknown[]): any {
  requireDataclass(obj, "astuple");
  const [, kws] = splitKw(args);
  const factory = kws["tuple_factory"];
  return factory === undefined ? convert(obj, true) : convert(obj, true, factory);
}

/**
 * Does the constructor of `cls` run `__post_init__` for `self`? Only the most derived
 * dataclass's generated `__init__` does (a dataclass base's constructor, reached through
 * `super(...)`, leaves it to the subclass, as CPython's single `__init__` call does).
 */
export function runsPostInit(self: object, cls: Function): boolean {
  for (let c = (self as { constructor?: Function }).constructor; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, INFO)) return c.prototype === cls.prototype;
  }
  return true;
}

/** `replace(obj, **changes)`: a new instance built positionally from the init fields. */
export function replace(obj: unknown, ...args: unknown[]): any {
  const info = requireDataclass(obj, "replace");
  const [, changes] = splitKw(args);
  const initVars = new Map(info.initVars ?? []);
  for (const name of Object.keys(changes)) {
    const f = info.fields.find((g) => g.name === name);
    if (!f && initVars.has(name)) continue;
    if (!f) throw new PyTypeError(`${typeName(obj)}.__init__() got an unexpected keyword argument '${name}'`);
    if (!f.init) throw new ValueError(`field ${name} is declared with init=False, it cannot be specified with replace()`);
  }
  for (const [name, hasDefault] of initVars) {
    if (!(name in changes) && !hasDefault) throw new ValueError(`InitVar '${name}' must be specified with replace()`);
  }
  // The constructor takes the positional fields first, then the keyword-only ones.
  const params = info.params ?? [
    ...info.fields.filter((f) => f.init && f.kw_only !== true).map((f) => f.name),
    ...info.fields.filter((f) => f.init && f.kw_only === true).map((f) => f.name),
  ];
  // An InitVar left out takes its default (undefined lets the parameter's default apply).
  const valueOf = (name: string): unknown => (name in changes ? changes[name] : initVars.has(name) ? undefined : (obj as Record<string, unknown>)[objectKey(name)]);
  if (info.byKeyword) {
    const named = Object.fromEntries(params.map((name) => [name, valueOf(name)] as const).filter(([, v]) => v !== undefined));
    return Reflect.construct((obj as object).constructor, [kw(named)]);
  }
  return Reflect.construct((obj as object).constructor, params.map(valueOf));
}

/** A field's default value, calling its factory: for constructors the lowering writes. */
export function defaultOf(cls: unknown, name: string): any {
  const f = infoOf(cls)?.fields.find((g) => g.name === name);
  if (!f) throw new PyTypeError(`no field ${name}`);
  if (f.default_factory !== MISSING) return callValue(f.default_factory);
  return f.defaultValue;
}

export const dataclassesModule = moduleObject("dataclasses", {
  InitVar: pyClass(InitVar),
  KW_ONLY,
  make_dataclass,
  dataclass,
  field,
  fields,
  asdict,
  astuple,
  replace,
  is_dataclass,
  runsPostInit,
  MISSING,
  FrozenInstanceError,
  Field: pyClass(Field),
  defaultOf,
});

// (`dataclasses.Field.name`: Field's `__slots__`, member descriptors)
declareDataAttributes(Field, "member", "name type default default_factory repr hash init compare metadata kw_only", true);
