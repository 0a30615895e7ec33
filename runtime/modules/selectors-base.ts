// selectors.BaseSelector: the abstract class a program subclasses for a selector of its own
// (register, unregister, select and get_map abstract; modify, get_key, close and the context
// manager built on them, as in Lib/selectors.py). The runtime's selectors count as instances.

import { KeyError, NotImplementedError, PyTypeError, RuntimeError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { getitem } from "../values/subscript.js";

const ABSTRACT = ["get_map", "register", "select", "unregister"] as const;

/** The runtime's own selector classes (selectors.ts), which are BaseSelectors too. */
const concrete = new Set<Function>();

export function markSelector(cls: Function): void {
  concrete.add(cls);
}

export class BaseSelector {
  static readonly __module__ = "selectors";

  static [Symbol.hasInstance](x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    return (this as { prototype?: unknown }).prototype === BaseSelector.prototype && x !== null && typeof x === "object" && concrete.has((x as object).constructor);
  }

  constructor(..._args: unknown[]) {
    const self = this as unknown as Record<string, unknown>;
    const missing = ABSTRACT.filter((name) => self[name] === (BaseSelector.prototype as unknown as Record<string, unknown>)[name]);
    if (missing.length > 0) {
      const name = (this.constructor as { pythonName?: string }).pythonName ?? this.constructor.name;
      throw new PyTypeError(`Can't instantiate abstract class ${name} with abstract method${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
    }
  }

  register(..._args: unknown[]): unknown {
    throw new NotImplementedError();
  }
  unregister(_fileobj: unknown): unknown {
    throw new NotImplementedError();
  }
  select(..._args: unknown[]): unknown {
    throw new NotImplementedError();
  }
  get_map(): unknown {
    throw new NotImplementedError();
  }

  modify(fileobj: unknown, events: unknown, data: unknown = null): unknown {
    this.unregister(fileobj);
    return this.register(fileobj, events, data);
  }

  get_key(fileobj: unknown): unknown {
    const mapping = this.get_map();
    if (mapping === null) throw new RuntimeError("Selector is closed");
    try {
      return getitem(mapping, fileobj);
    } catch (error) {
      if (error instanceof KeyError) throw new KeyError(`${repr(fileobj)} is not registered`);
      throw error;
    }
  }

  close(): null {
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }
}
