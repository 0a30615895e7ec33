// Instances of user subclasses of str, int and float. Those values are JS primitives, which
// carry no class and no attributes, so a subclass instance is an object holding its
// primitive value (a "wrapped value"). The runtime's operations unwrap it where the built-in
// type's own behaviour applies (runtime/lang/value-subclasses.ts gives the classes their
// Python methods and dunders).

/** Own property of a wrapped value: the primitive it stands for. */
export const PRIMITIVE = Symbol.for("pyts.primitive");

export type Primitive = string | bigint | number;

/** The raw instance layout shared by the three wrapper classes. */
export abstract class WrappedValue {
  declare [PRIMITIVE]: Primitive;
}

/** Instances of `class Name(str)`. */
export class StrValue extends WrappedValue {
  declare [PRIMITIVE]: string;
}

/** Instances of `class PositiveInt(int)`. */
export class IntValue extends WrappedValue {
  declare [PRIMITIVE]: bigint;
}

/** Instances of `class Celsius(float)`. */
export class FloatValue extends WrappedValue {
  declare [PRIMITIVE]: number;
}

export function isWrapped(x: unknown): x is WrappedValue {
  return x instanceof WrappedValue;
}

/** The primitive behind a subclass instance; any other value as it is. */
export function unwrap(x: unknown): unknown {
  return x instanceof WrappedValue ? x[PRIMITIVE] : x;
}

/** A new instance of `cls` (a subclass of `raw`) standing for `value`; no constructor runs. */
export function wrapValue(raw: typeof StrValue | typeof IntValue | typeof FloatValue, cls: Function, value: Primitive): WrappedValue {
  const instance = Reflect.construct(raw, [], cls) as WrappedValue;
  Object.defineProperty(instance, PRIMITIVE, { value, enumerable: false });
  return instance;
}

/** Static of a runtime base class: the built-in type object it stands for in `__mro__`. */
export const PYTHON_TYPE = Symbol.for("pyts.pythonType");

export type Creator = (cls: Function, args: unknown[]) => object;

/** How each runtime base (runtime/lang/value-subclasses.ts) makes a raw instance of a subclass. */
export const CREATORS = new Map<Function, Creator>();

/**
 * `object.__new__(cls, *args)` reaching a built-in base (`super().__new__(cls, value)`): a new
 * instance of `cls` holding the value the base's constructor makes of `args`; undefined when
 * `cls` has no such base.
 */
export function newBuiltinInstance(cls: Function, args: unknown[]): object | undefined {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const create = CREATORS.get(c);
    if (create) return create(cls, args);
  }
  return undefined;
}

/** Marks the `__hash__` that subclasses of str/int/float inherit (runtime/lang/value-subclasses.ts). */
export const INHERITED_HASH = Symbol.for("pyts.inheritedHash");

/**
 * Does `x` hash and compare as its primitive (`Name("a")` and "a" one dict key)? Not when its
 * class defines `__hash__` or `__eq__` itself.
 */
export function hashesAsValue(x: unknown): x is WrappedValue {
  if (!(x instanceof WrappedValue)) return false;
  for (let p = Object.getPrototypeOf(x) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const hash = Object.getOwnPropertyDescriptor(p, "__hash__");
    if (hash !== undefined) return typeof hash.value === "function" && Object.hasOwn(hash.value, INHERITED_HASH);
    if (Object.hasOwn(p, "__eq__")) return false;
  }
  return false;
}
