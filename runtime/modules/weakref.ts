// Python's `weakref` on JS WeakRef and FinalizationRegistry: ref (one shared ref per object
// without a callback, as CPython), proxy, WeakMethod, finalize, getweakrefcount/getweakrefs, and
// the weak collections (weakref-collections.ts). The difference from CPython: V8 collects when
// it chooses, not when the last reference goes, so after `del x` a ref() still returns the
// object and callbacks/finalizers run later (or at exit, for finalize) rather than at once.
// A ref is an object with __call__: `r()` works where the callee is a name, attribute or
// subscript; calling a call's result (`ref(x)()`) does not.

import { Bytes } from "../values/bytes.js";
import { eq } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, ReferenceError } from "../values/exceptions.js";
import { pyHash } from "../values/hashing.js";
import { boundMethod, boundParts } from "../lang/functions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { NotImplemented } from "../values/singletons.js";
import { addressOf, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { className, typeName } from "../values/typename.js";
import { atexitModule } from "./atexit.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";
import { WeakKeyDictionary, WeakSet, WeakValueDictionary } from "./weakref-collections.js";
import { noteWeaklyReferenced, whenCollected } from "./weakref-sweep.js";
import { declareDataAttributes } from "../values/declared-attributes.js";
import { OWN_TYPES } from "../values/builtin-types.js";
import { isFunctionName } from "../lang/attr-names.js";

function target(obj: unknown): object {
  const ok = (typeof obj === "object" || typeof obj === "function") && obj !== null && !Array.isArray(obj) && !(obj instanceof Dict) && !(obj instanceof Tuple) && !(obj instanceof Bytes);
  if (!ok) throw new PyTypeError(`cannot create weak reference to '${typeName(obj)}' object`);
  return obj as object;
}

/** The weak references (refs and proxies) made to each object, for getweakrefcount/getweakrefs. */
const referrers = new WeakMap<object, WeakRef<object>[]>();
/** Each object's shared ref without a callback. */
const basicRefs = new WeakMap<object, WeakRef<ReferenceType>>();

function noteReferrer(obj: object, ref: object): void {
  noteWeaklyReferenced(obj);
  const list = referrers.get(obj) ?? [];
  list.push(new WeakRef(ref));
  referrers.set(obj, list);
}

/** A weak reference no longer counted for its object (a WeakValueDictionary entry removed). */
export function forgetReferrer(ref: ReferenceType): void {
  const obj = ref.__call__();
  if (obj === null) return;
  const list = referrers.get(obj as object);
  if (list === undefined) return;
  const at = list.findIndex((r) => r.deref() === ref);
  if (at >= 0) list.splice(at, 1);
}

/** The live weak references to `obj`, the shared ref and proxies without callback first (CPython's list order). */
function liveReferrers(obj: unknown): object[] {
  const list = typeof obj === "object" || typeof obj === "function" ? (obj !== null ? referrers.get(obj) : undefined) : undefined;
  const live = (list ?? []).map((r) => r.deref()).filter((r): r is object => r !== undefined);
  const basic = (r: object): boolean => r instanceof ReferenceType && r.constructor === ReferenceType && r.__callback__ === null;
  return [...live.filter(basic), ...live.filter((r) => !basic(r))];
}

export class ReferenceType {
  static readonly tpName: string = "weakref.ReferenceType";
  static readonly pythonName: string = "ReferenceType";
  static readonly __module__ = "weakref";
  private readonly referent: WeakRef<object>;
  readonly __callback__: unknown;
  private hash: bigint | null = null;

  constructor(obj: unknown, callback: unknown = null) {
    const referent = target(obj);
    const shared = callback === null && new.target === ReferenceType ? basicRefs.get(referent)?.deref() : undefined;
    this.referent = new WeakRef(referent);
    this.__callback__ = callback;
    if (shared !== undefined) return shared;
    if (callback === null && new.target === ReferenceType) basicRefs.set(referent, new WeakRef(this));
    noteReferrer(referent, this);
    if (callback !== null) {
      const self = new WeakRef(this);
      whenCollected(referent, () => {
        const r = self.deref();
        if (r !== undefined) callValue(callback, r);
      });
    }
  }

  __call__(): unknown {
    return this.referent.deref() ?? null;
  }

  __hash__(): bigint {
    if (this.hash === null) {
      const obj = this.referent.deref();
      if (obj === undefined) throw new PyTypeError("weak object has gone away");
      this.hash = pyHash(obj);
    }
    return this.hash;
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

/** `KeyedRef(ob, callback, key)`: a ref carrying `key` (WeakValueDictionary's entries in CPython). */
export class KeyedRef extends ReferenceType {
  static override readonly pythonName = "KeyedRef";
  static readonly __module__ = "weakref";
  declare key: unknown;
  constructor(obj: unknown, callback: unknown, key: unknown) {
    super(obj, callback ?? null);
    Object.defineProperty(this, "key", { value: key, writable: true, enumerable: true });
  }
}

/** `WeakMethod(method)`: a ref to a bound method, alive while its object and function are. */
export class WeakMethod extends ReferenceType {
  static override readonly pythonName = "WeakMethod";
  private readonly func: WeakRef<(...a: unknown[]) => unknown>;
  private readonly owner: Function | null;

  constructor(method: unknown, callback: unknown = null) {
    const parts = boundParts(method);
    if (parts === undefined || parts.self === null || parts.self === undefined) {
      throw new PyTypeError(`argument should be a bound method, not <class '${typeName(method)}'>`);
    }
    super(parts.self, callback);
    this.func = new WeakRef(parts.method);
    this.owner = parts.owner;
  }

  override __call__(): unknown {
    const self = super.__call__();
    const func = this.func.deref();
    return self === null || func === undefined ? null : boundMethod(self, func, this.owner);
  }
}

const DEAD = (): never => {
  throw new ReferenceError("weakly-referenced object no longer exists");
};

/** `proxy(obj, callback=None)`: reads and writes go to the object while it lives. */
function proxy(obj: unknown, callback: unknown = null): any {
  const referent = new WeakRef(target(obj));
  const callable = typeof obj === "function" || typeof (obj as { __call__?: unknown }).__call__ === "function";
  const shell: object = callable ? function weakcallableproxy() {} : {};
  const live = (): object => referent.deref() ?? DEAD();
  // (a callable proxy is a JS function, so attribute reads and writes come with a function's
  // keys, `name$` for `name`: the referent, when no function, holds it as `name`)
  const referentKey = (key: string | symbol): string | symbol =>
    typeof key === "string" && key.endsWith("$") && isFunctionName(key.slice(0, -1)) && typeof referent.deref() !== "function" ? key.slice(0, -1) : key;
  const self: object = new Proxy(shell, {
    get(_t, rawKey) {
      const key = callable ? referentKey(rawKey) : rawKey;
      if (key === "__repr__") {
        return () => {
          const o = referent.deref();
          return o === undefined ? `<weakproxy at ${addressOf(self)}; dead>` : `<weakproxy at ${addressOf(self)}; to '${typeof o === "function" ? "type" : className(o.constructor)}' at ${addressOf(o)}>`;
        };
      }
      if (key === "__str__") return () => toStr(live());
      const o = live();
      return Reflect.get(o, key, o) as unknown;
    },
    set(_t, key, value) {
      return Reflect.set(live(), callable ? referentKey(key) : key, value);
    },
    has(_t, key) {
      return Reflect.has(live(), callable ? referentKey(key) : key);
    },
    deleteProperty(_t, key) {
      return Reflect.deleteProperty(live(), callable ? referentKey(key) : key);
    },
    getPrototypeOf() {
      // (a dead proxy is no instance of anything: a check such as the call machinery's
      // `instanceof` must not raise ReferenceError)
      const o = referent.deref();
      return o === undefined ? Reflect.getPrototypeOf(shell) : Reflect.getPrototypeOf(o);
    },
    apply(_t, _this, args) {
      return callValue(live(), ...args);
    },
  });
  OWN_TYPES.set(self, callable ? CallableProxyType : ProxyType);
  noteReferrer(live(), self);
  if (callback !== null) whenCollected(live(), () => void callValue(callback, self));
  return self;
}

// (a proxy's prototype is its referent's: these say which proxies are theirs)
class ProxyType {
  static readonly tpName = "weakref.ProxyType";
  static readonly __module__ = "weakref";
  static __instancecheck__(x: unknown): boolean {
    return OWN_TYPES.get(x as object) === ProxyType;
  }
}
class CallableProxyType {
  static readonly tpName = "weakref.CallableProxyType";
  static readonly __module__ = "weakref";
  static __instancecheck__(x: unknown): boolean {
    return OWN_TYPES.get(x as object) === CallableProxyType;
  }
}
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
    noteWeaklyReferenced(obj);
    whenCollected(obj, () => void self.deref()?.__call__());
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
  WeakMethod: pyClass(WeakMethod),
  KeyedRef: pyClass(KeyedRef),
  proxy,
  ProxyType,
  CallableProxyType,
  ProxyTypes: Tuple.of(ProxyType, CallableProxyType),
  getweakrefcount: (obj: unknown): bigint => BigInt(liveReferrers(obj).length),
  getweakrefs: (obj: unknown): unknown[] => liveReferrers(obj),
  finalize: pyClass(finalize),
  WeakValueDictionary: pyClass(WeakValueDictionary),
  WeakKeyDictionary: pyClass(WeakKeyDictionary),
  WeakSet: pyClass(WeakSet),
});

// (`weakref.KeyedRef.key`: KeyedRef's `__slots__`; `finalize.atexit`: a property)
declareDataAttributes(KeyedRef, "member", "key", true);
declareDataAttributes(finalize, "property", "atexit");
