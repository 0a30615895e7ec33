// unittest.mock's `call` objects (the records of a mock's calls, and `call` to build expected
// ones to compare them with) and the `DEFAULT` sentinel.

import { AttributeError } from "../values/exceptions.js";
import { eq } from "../values/compare.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { getitem } from "../values/subscript.js";
import { Dict } from "../values/dict.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A unique, named object (`sentinel.name`). */
class SentinelObject {
  static readonly pythonName = "_SentinelObject";
  static readonly __module__ = "unittest.mock";
  constructor(readonly name: string) {}
  __repr__(): string {
    return `sentinel.${this.name}`;
  }
}

const sentinels = new Map<string, SentinelObject>();

/** `sentinel`: each attribute name gives its one SentinelObject (any: `sentinel.name` in emitted code). */
export const sentinel: any = new (class Sentinel {
  static readonly pythonName = "_Sentinel";
  static readonly __module__ = "unittest.mock";
  __getattr__(name: string): SentinelObject {
    if (name === "__bases__" || name === "then") throw new AttributeError(name);
    let object = sentinels.get(name);
    if (object === undefined) sentinels.set(name, (object = new SentinelObject(name)));
    return object;
  }
})();

export const DEFAULT: SentinelObject = sentinel.__getattr__("DEFAULT");

/** `ANY`: equal to everything. */
export const ANY = new (class Any {
  static readonly pythonName = "_ANY";
  static readonly __module__ = "unittest.mock";
  __eq__(_other: unknown): boolean {
    return true;
  }
  __ne__(_other: unknown): boolean {
    return false;
  }
  __repr__(): string {
    return "<ANY>";
  }
})();

export class Call {
  static readonly pythonName = "_Call";
  constructor(
    readonly name: string | null,
    readonly callArgs: unknown[],
    readonly callKwargs: [string, unknown][],
  ) {}
  get args(): Tuple {
    return Tuple.from(this.callArgs);
  }
  get kwargs(): Dict {
    return new Dict(this.callKwargs);
  }
  __call__(...args: unknown[]): Call {
    const [pos, kw] = splitKw(args);
    return new Call(this.name ?? "", pos, Object.entries(kw));
  }
  __getattr__(attr: string): Call {
    if (attr.startsWith("__") || attr === "then") throw new AttributeError(attr);
    return new Call(this.name === null || this.name === "" ? attr : `${this.name}.${attr}`, [], []);
  }
  __eq__(other: unknown): boolean {
    if (!(other instanceof Call)) return false;
    if (this.name !== null && other.name !== null && this.name !== "" && other.name !== "" && this.name !== other.name) return false;
    if (this.callArgs.length !== other.callArgs.length || !this.callArgs.every((a, i) => (a === other.callArgs[i] || eq(a, other.callArgs[i])))) return false;
    if (this.callKwargs.length !== other.callKwargs.length) return false;
    return this.callKwargs.every(([k, v]) => other.callKwargs.some(([k2, v2]) => k === k2 && (v === v2 || eq(v, v2))));
  }
  __ne__(other: unknown): boolean {
    return !this.__eq__(other);
  }
  __repr__(): string {
    const name = this.name === null || this.name === "" ? "call" : this.name.startsWith("()") ? `call${this.name}` : `call.${this.name}`;
    return formatSignature(name, this.callArgs, this.callKwargs);
  }
  __len__(): bigint {
    return 2n;
  }
  __getitem__(index: unknown): unknown {
    return getitem(Tuple.of(this.args, this.kwargs), index);
  }
  __iter__(): Iterator<unknown> {
    return [this.args, this.kwargs][Symbol.iterator]();
  }
}

const callRoot = new Call(null, [], []);

/** `call`: a function (emitted code calls an imported name directly) that is also `call.name`. */
export const call: any = Object.assign((...args: unknown[]): Call => callRoot.__call__(...args), {
  __getattr__: (attr: string): Call => callRoot.__getattr__(attr),
});

export function formatSignature(name: string, args: unknown[], kwargs: [string, unknown][]): string {
  const parts = [...args.map((a) => repr(a)), ...kwargs.map(([k, v]) => `${k}=${repr(v)}`)];
  return `${name}(${parts.join(", ")})`;
}

