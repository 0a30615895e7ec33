// `types.SimpleNamespace`, in a file of its own: time.get_clock_info makes one, and the rest
// of types (which asyncio's script holds under `pyts run`) is not loaded for it.
import { objectKey, pythonName } from "../lang/attr-names.js";
import { eq } from "../values/compare.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { typeName } from "../values/typename.js";

const inRepr = new Set<object>();

/** `types.SimpleNamespace(**kwargs)`: attributes in insertion order, compared by value. */
export class SimpleNamespace {
  static readonly __module__ = "types";
  static readonly tpName = "types.SimpleNamespace";
  static readonly __hash__ = null;
  /** Any attribute a program sets. */
  [attr: string]: any;

  constructor(...args: unknown[]) {
    const [positional, kws] = splitKw(args);
    if (positional.length > 0) throw new PyTypeError("no positional arguments expected");
    for (const key of Object.keys(kws)) (this as Record<string, unknown>)[objectKey(key)] = kws[key];
  }

  /** The attributes as [Python name, value] pairs. */
  private attributes(): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const key of Object.keys(this)) {
      const name = pythonName(key, false);
      if (name !== null) out.push([name, (this as Record<string, unknown>)[key]]);
    }
    return out;
  }

  __repr__(): string {
    const name = this.constructor === SimpleNamespace ? "namespace" : typeName(this);
    if (inRepr.has(this)) return `${name}(...)`;
    inRepr.add(this);
    try {
      return `${name}(${this.attributes().map(([k, v]) => `${k}=${repr(v)}`).join(", ")})`;
    } finally {
      inRepr.delete(this);
    }
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof SimpleNamespace)) return NotImplemented;
    const a = this.attributes();
    const b = new Map(other.attributes());
    return a.length === b.size && a.every(([k, v]) => b.has(k) && eq(v, b.get(k)));
  }
}
(SimpleNamespace.prototype as unknown as { __hash__: null }).__hash__ = null;
