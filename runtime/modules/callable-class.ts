// Python calls a class like a function (`datetime.timedelta(seconds=1)`), while a JS class
// needs `new`. Module classes are exported through pyClass(), which accepts both forms, so
// the emitted call works whether or not the lowering knows the callee is a class.

import { PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { recordCallableClass, recordedCallableClass } from "../values/callable-classes.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCtor = abstract new (...args: any[]) => unknown;

/** A class that can also be called without `new`. */
export type PyClass<C extends AnyCtor> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

export function pyClass<C extends AnyCtor>(cls: C): PyClass<C> {
  // One face per class, so every module exporting it exports the same object.
  const known = recordedCallableClass(cls);
  if (known !== undefined) return known as PyClass<C>;
  // Marks the class as a Python type object for isClass() (a Proxy hides the `class` source).
  if (!Object.hasOwn(cls, "__pytype__")) {
    Object.defineProperties(cls, {
      __pytype__: { value: true },
      // Used by isinstance() for type objects; `this` keeps it right for user subclasses.
      __instancecheck__: {
        value: function (this: AnyCtor, x: unknown): boolean {
          return x instanceof this;
        },
      },
    });
  }
  const callable = new Proxy(cls, {
    apply(target, _thisArg, args: unknown[]) {
      return Reflect.construct(target, args);
    },
  }) as PyClass<C>;
  recordCallableClass(cls, callable);
  return callable;
}

/** A Python int or float argument as a JS number (bool counts as int, like Python). */
export function toNumber(x: unknown, what = "a number"): number {
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  throw new PyTypeError(`${what} is required (got type ${typeName(x)})`);
}

/** A Python int argument (bigint or bool) as a JS number; floats are refused like CPython. */
export function toInt(x: unknown): number {
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number") {
    throw new PyTypeError("'float' object cannot be interpreted as an integer");
  }
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

/** Python's None check: `null` and `undefined` both read as None. */
export function isNone(x: unknown): x is null | undefined {
  return x === null || x === undefined;
}

/** Zero-padded decimal, like `%02d`. */
export function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? "-" + s : s;
}

/** What a binary dunder returns for an operand type it does not handle. */
export { NotImplemented as NotImplementedValue } from "../values/singletons.js";
