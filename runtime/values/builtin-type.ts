// Built-in type objects (`int`, `str`, `list`, ...): callable like Python's constructors, and
// carrying what `isinstance`, `issubclass`, `type(x).__name__` and `repr` need.

import { className, isClass, typeName } from "./typename.js";

export interface PyTypeObject {
  readonly __pytype__: true;
  readonly pythonName: string;
  readonly __name__: string;
  readonly __qualname__: string;
  readonly __module__: string;
  /** The base type (`int` for `bool`), or null for a root. */
  readonly __base__: PyTypeObject | null;
  /** True when `x` is an instance of this type (subtypes included). */
  __instancecheck__(x: unknown): boolean;
}

/** Turns constructor function `fn` into a built-in type object named `name`. */
export function defineType<F extends (...args: never[]) => unknown>(
  fn: F,
  name: string,
  instanceCheck: (x: unknown) => boolean,
  base: PyTypeObject | null = null,
): F & PyTypeObject {
  const props: PropertyDescriptorMap = {
    __pytype__: { value: true },
    pythonName: { value: name },
    __name__: { value: name },
    __qualname__: { value: name },
    __module__: { value: "builtins" },
    __base__: { value: base },
    __instancecheck__: { value: instanceCheck },
  };
  Object.defineProperties(fn, props);
  return fn as F & PyTypeObject;
}

export function isPyTypeObject(x: unknown): x is PyTypeObject {
  return typeof x === "function" && (x as { __pytype__?: unknown }).__pytype__ === true;
}

/** Marks a runtime function as built-in, so repr shows `<built-in function len>`. */
/** The value a built-in method read off it is bound to (`[].append`). */
export const BUILTIN_SELF = Symbol.for("pyts.builtinSelf");

/** The function a bound built-in method calls (its table entry): with `__self__`, what `==` and `hash` compare. */
export const BUILTIN_FUNC = Symbol.for("pyts.builtinFunc");

/**
 * A bound built-in method whose function checks its own arguments (count and keywords, as a
 * table method's does) holds here its entry taking the positional arguments as one array: a
 * call of it as a value (`pop = xs.pop; pop(0)`) passes callValue's array on, where a call of
 * the function itself would copy it into a rest parameter again.
 */
export const CHECKS_OWN_ARGUMENTS = Symbol("pyts.checksOwnArguments");

/** The array entry under CHECKS_OWN_ARGUMENTS. */
export type ArgumentsEntry = (args: readonly unknown[]) => unknown;

/**
 * `xs.append` read as a value: a built-in method bound to `self`. `func` is the unbound
 * function it calls; two reads of one method of one object compare equal by it (CPython's
 * meth_richcompare: same `__self__`, same C function).
 */
export function builtinMethod(fn: (...args: unknown[]) => unknown, name: string, self: unknown, func: unknown = fn, argumentsEntry?: ArgumentsEntry): (...args: unknown[]) => unknown {
  Object.defineProperties(fn, {
    [CHECKS_OWN_ARGUMENTS]: { value: argumentsEntry },
    [BUILTIN_FUNC]: { value: func },
    __builtin__: { value: true },
    __name__: { value: name },
    // (`[].append.__qualname__` is "list.append"; `dict.fromkeys`, bound to the class, "dict.fromkeys")
    __qualname__: { get: () => `${isClass(self) ? className(self) : typeName(self)}.${name}` },
    __self__: { value: self },
    [BUILTIN_SELF]: { value: self },
  });
  return fn;
}

export function builtinFunction<F extends (...args: never[]) => unknown>(fn: F, name: string, qualname = name): F {
  Object.defineProperties(fn, {
    __builtin__: { value: true },
    __name__: { value: name },
    __qualname__: { value: qualname },
  });
  return fn;
}

/** On a built-in type's class method (`dict.fromkeys`): its function taking the class first. */
const CLASS_METHOD_IMPL = Symbol.for("pyts.builtinClassMethodImpl");

type ClassMethodImpl = (cls: Function, ...args: unknown[]) => unknown;

/**
 * `dict.fromkeys`, `int.from_bytes`: a built-in class method bound to `cls`. `check` refuses a
 * wrong count of arguments first; `impl` takes the class it is called on, which a subclass
 * (`class D(dict)`: `D.fromkeys(...)` builds a D) passes as itself.
 */
export function builtinClassMethod(cls: Function, name: string, impl: ClassMethodImpl, check: (args: unknown[]) => void): (...args: unknown[]) => unknown {
  const bound = builtinMethod((...args: unknown[]) => (check(args), impl(cls, ...args)), name, cls, impl);
  Object.defineProperty(bound, CLASS_METHOD_IMPL, { value: { impl, check } });
  return bound;
}

/** `value` (a built-in type's class method) bound to subclass `cls`; any other value as it is. */
export function classMethodFor(value: unknown, cls: Function): unknown {
  if (typeof value !== "function" || !Object.hasOwn(value, CLASS_METHOD_IMPL)) return value;
  if ((value as unknown as Record<symbol, unknown>)[BUILTIN_SELF] === cls) return value;
  const { impl, check } = (value as unknown as Record<symbol, { impl: ClassMethodImpl; check: (args: unknown[]) => void }>)[CLASS_METHOD_IMPL];
  return builtinClassMethod(cls, (value as unknown as { __name__: string }).__name__, impl, check);
}
