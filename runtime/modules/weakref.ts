// Python's `weakref` (ref and finalize) on JS WeakRef and FinalizationRegistry. The difference
// from CPython: V8 collects when it chooses, not when the last reference goes, so after `del x`
// a ref() still returns the object and callbacks/finalizers run later (or at exit, for
// finalize) rather than at once. A ref is an object with __call__: `r()` works where the
// callee is a name, attribute or subscript; calling a call's result (`ref(x)()`) does not.
// Not provided: proxy, WeakValueDictionary, WeakKeyDictionary, WeakSet, WeakMethod, getweakrefcount, getweakrefs.

import { Bytes } from "../values/bytes.js";
import { eq } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { NotImplemented } from "../values/singletons.js";
import { addressOf } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { className, typeName } from "../values/typename.js";
import { atexitModule } from "./atexit.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";

function target(obj: unknown): object {
  const ok = (typeof obj === "object" || typeof obj === "function") && obj !== null && !Array.isArray(obj) && !(obj instanceof Dict) && !(obj instanceof Tuple) && !(obj instanceof Bytes);
  if (!ok) throw new PyTypeError(`cannot create weak reference to '${typeName(obj)}' object`);
  return obj as object;
}

const callbacks = new FinalizationRegistry<() => void>((run) => run());

export class ReferenceType {
  static readonly pythonName = "ReferenceType";
  static readonly __module__ = "weakref";
  private readonly referent: WeakRef<object>;
  readonly __callback__: unknown;

  constructor(obj: unknown, callback: unknown = null) {
    this.referent = new WeakRef(target(obj));
    this.__callback__ = callback;
    if (callback !== null) {
      const self = new WeakRef(this);
      callbacks.register(obj as object, () => {
        const r = self.deref();
        if (r !== undefined) callValue(callback, r);
      });
    }
  }

  __call__(): unknown {
    return this.referent.deref() ?? null;
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof ReferenceType)) return NotImplemented;
    const a = this.__call__();
    const b = other.__call__();
    return a === null || b === null ? this === other : a === b || eq(a, b);
  }

  __repr__(): string {
    const obj = this.referent.deref();
    if (obj === undefined) return `<weakref at ${addressOf(this)}; dead>`;
    return `<weakref at ${addressOf(this)}; to '${typeof obj === "function" ? "type" : className(obj.constructor)}' at ${addressOf(obj)}>`;
  }
}

const refClass = pyClass(ReferenceType);
/** Finalizers still pending, for the run at exit (CPython's finalize._exitfunc). */
const pending = new Set<finalize>();
let exitHooked = false;

function runAtExit(): null {
  for (const f of [...pending].reverse()) if (f.atexit) f.__call__();
  return null;
}

export class finalize {
  static readonly __module__ = "weakref";
  private info: { obj: WeakRef<object>; func: unknown; args: unknown[]; kwargs: Record<string, unknown> } | null;
  atexit = true;

  constructor(...all: unknown[]) {
    const [pos, kws] = splitKw(all);
    if (pos.length < 2) throw new PyTypeError(`finalize expected at least 2 positional arguments, got ${pos.length}`);
    const obj = target(pos[0]);
    this.info = { obj: new WeakRef(obj), func: pos[1], args: pos.slice(2), kwargs: kws };
    pending.add(this);
    const self = new WeakRef(this);
    callbacks.register(obj, () => void self.deref()?.__call__());
    if (!exitHooked) {
      exitHooked = true;
      (atexitModule as unknown as { register: (f: unknown) => unknown }).register(runAtExit);
    }
  }

  __call__(..._unused: unknown[]): unknown {
    const info = this.info;
    if (info === null) return null;
    this.info = null;
    pending.delete(this);
    return Object.keys(info.kwargs).length > 0 ? callValue(info.func, ...info.args, kw(info.kwargs)) : callValue(info.func, ...info.args);
  }

  get alive(): boolean {
    return this.info !== null;
  }

  private tuple(): Tuple | null {
    const info = this.info;
    const obj = info?.obj.deref();
    if (info === null || obj === undefined) return null;
    return Tuple.of(obj, info.func, Tuple.from(info.args), Dict.fromRecord(info.kwargs));
  }

  peek(): Tuple | null {
    return this.tuple();
  }

  detach(): Tuple | null {
    const t = this.tuple();
    if (t !== null) {
      this.info = null;
      pending.delete(this);
    }
    return t;
  }

  __repr__(): string {
    const obj = this.info?.obj.deref();
    return obj === undefined ? `<finalize object at ${addressOf(this)}; dead>` : `<finalize object at ${addressOf(this)}; for '${className(obj.constructor)}' at ${addressOf(obj)}>`;
  }
}

export const weakrefModule = moduleObject("weakref", {
  ref: refClass,
  ReferenceType: refClass,
  finalize: pyClass(finalize),
});
