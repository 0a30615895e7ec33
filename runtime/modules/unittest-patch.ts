// unittest.mock's patch, patch.object and patch.dict: replace an attribute of a module (by dotted name),
// class or object while a context manager or a decorated function runs; a replacement not
// given is a MagicMock, passed to the decorated function after its own arguments.

import { AttributeError, NotImplementedError, PyTypeError } from "../values/exceptions.js";
import { builtinOverrides, PATCHABLE_BUILTINS } from "../values/builtin-overrides.js";
import { input } from "../values/builtin-functions.js";
import { print } from "../values/print.js";
import { open } from "../lang/files.js";
import { getattrImpl } from "../values/attributes.js";
import { delattr, setattr } from "../values/builtin-functions.js";
import { builtinFunction } from "../values/builtin-type.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { isClass } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { Dict } from "../values/dict.js";
import { truthy } from "../values/truth.js";
import { callValue } from "./pycall.js";
import { importByName } from "./program-modules.js";
import { sysModule } from "./sys.js";
import * as runtimeModules from "./index.js";
import { DEFAULT, MagicMockType } from "./unittest-mock.js";
import { AsyncMockType } from "./unittest-mock-async.js";
import { autospecOf } from "./unittest-mock-autospec.js";
import { iscoroutinefunction } from "../core/coroutine-function.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---- patch ----

const PATCHINGS = Symbol("patchings");

/** `builtins` as patch sees it: the built-in functions the runtime lets a patch replace. */
const builtinsTarget: Record<string, unknown> = {};
for (const name of PATCHABLE_BUILTINS) {
  const original = { open, print, input }[name];
  Object.defineProperty(builtinsTarget, name, {
    enumerable: true,
    get: () => builtinOverrides[name] ?? original,
    set: (value: any) => {
      if (value === original) delete builtinOverrides[name];
      else builtinOverrides[name] = (...args: unknown[]) => callValue(value, ...args);
    },
  });
}

function resolve(dotted: string): unknown {
  const parts = dotted.split(".");
  if (dotted === "builtins") return builtinsTarget;
  for (let i = parts.length; i > 0; i--) {
    const name = parts.slice(0, i).join(".");
    let module: unknown = sysModule.modules.get(name);
    // (a module the runtime provides, looked up when the patch starts: index.ts imports this file)
    if (module === undefined && i === 1) module = (runtimeModules as Record<string, unknown>)[name];
    if (module === undefined) {
      try {
        module = importByName(name);
      } catch {
        module = undefined;
      }
    }
    if (module !== undefined) return parts.slice(i).reduce((o: unknown, p) => getattrImpl(o, p), module);
  }
  throw new PyTypeError(`Need a valid target to patch. You supplied: ${repr(dotted)}`);
}

export class Patch {
  static readonly pythonName = "_patch";
  #original: unknown = undefined;
  #had = false;
  #target: unknown = null;
  attribute_name: string | null = null;

  constructor(
    readonly getTarget: () => unknown,
    readonly attribute: string,
    readonly replacement: unknown,
    readonly options: Record<string, unknown>,
  ) {}

  __enter__(): any {
    const target = this.getTarget();
    this.#target = target;
    try {
      this.#original = getattrImpl(target, this.attribute);
      this.#had = true;
    } catch (e) {
      if (!(e instanceof AttributeError) || this.options["create"] !== true) throw e;
      this.#had = false;
    }
    let value = this.replacement;
    if (value === DEFAULT) {
      // (an async function's stand-in is an AsyncMock, as CPython's patch picks)
      const cls = this.options["new_callable"] ?? (this.#had && iscoroutinefunction(this.#original) ? AsyncMockType : MagicMockType);
      const kw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(this.options)) if (!["create", "new_callable", "autospec", "spec", "spec_set"].includes(k)) kw[k] = v;
      value = callValue(cls, new Kwargs(kw));
      // `patch.object(Cls, "method", autospec=True)`: the class holds a function standing for the
      // mock, so an instance's call and `Cls.method(obj, ...)` alike record `obj` first and are
      // checked against the method's signature (the mock is what `with ... as m` gives)
      const original = this.#original;
      if (this.#had && truthy(this.options["autospec"] ?? false) && isClass(target) && typeof original === "function" && !isClass(original)) {
        const mock = value;
        autospecOf(mock, original, false, false);
        // (a function given to a class is its method: called with the instance first, as a def is)
        const standIn = function (...args: unknown[]): unknown {
          return callValue(mock, ...args);
        };
        setattr(target, this.attribute, standIn);
        return mock;
      }
    }
    setattr(target, this.attribute, value);
    return value;
  }

  __exit__(..._args: unknown[]): any {
    if (this.#had) setattr(this.#target, this.attribute, this.#original);
    else delattr(this.#target, this.attribute);
    return false;
  }

  start(): any {
    return this.__enter__();
  }

  stop(): any {
    return this.__exit__(null, null, null);
  }

  __call__(fn: unknown): any {
    if (isClass(fn)) throw new PyTypeError("patch as a class decorator is not supported");
    const existing = (fn as { [PATCHINGS]?: Patch[] })[PATCHINGS];
    if (existing !== undefined) {
      existing.push(this);
      return fn;
    }
    const patchings: Patch[] = [this];
    const patched = function (this: unknown, ...args: unknown[]): unknown {
      const extra: unknown[] = [];
      const entered: Patch[] = [];
      try {
        for (const p of patchings) {
          const value = p.__enter__();
          entered.push(p);
          if (p.replacement === DEFAULT) extra.push(value);
        }
        const [pos, kw] = splitKw(args);
        return callValue(fn, ...pos, ...extra, ...(Object.keys(kw).length > 0 ? [new Kwargs(kw)] : []));
      } finally {
        for (const p of entered.reverse()) p.__exit__(null, null, null);
      }
    };
    Object.defineProperty(patched, PATCHINGS, { value: patchings });
    for (const key of ["__name__", "__qualname__", "__doc__"]) {
      try {
        Object.defineProperty(patched, key, { value: getattrImpl(fn, key), configurable: true, writable: true });
      } catch {
        // no such attribute
      }
    }
    return patched;
  }
}

function options(kw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) if (k !== "new") out[k] = v;
  return out;
}

export function patch(...args: unknown[]): Patch {
  const [pos, kw] = splitKw(args);
  const target = pos[0] ?? kw["target"];
  if (typeof target !== "string") throw new PyTypeError(`Need a valid target to patch. You supplied: ${repr(target)}`);
  const dot = target.lastIndexOf(".");
  if (dot < 0) throw new PyTypeError(`Need a valid target to patch. You supplied: ${repr(target)}`);
  const replacement = pos.length > 1 ? pos[1] : "new" in kw ? kw["new"] : DEFAULT;
  const attribute = target.slice(dot + 1);
  if (target.slice(0, dot) === "builtins" && !(PATCHABLE_BUILTINS as readonly string[]).includes(attribute)) {
    throw new NotImplementedError(`pyts: patch() replaces only builtins.${PATCHABLE_BUILTINS.join("/")} (emitted code calls the other built-ins directly), not builtins.${attribute}`);
  }
  return new Patch(() => resolve(target.slice(0, dot)), attribute, replacement, options(kw));
}

function patchObject(...args: unknown[]): Patch {
  const [pos, kw] = splitKw(args);
  const target = pos[0] ?? kw["target"];
  const attribute = String(pos[1] ?? kw["attribute"]);
  const replacement = pos.length > 2 ? pos[2] : "new" in kw ? kw["new"] : DEFAULT;
  return new Patch(() => target, attribute, replacement, options(kw));
}
(patch as unknown as { object: unknown }).object = builtinFunction(patchObject, "object");

/** `patch.dict(in_dict, values=(), clear=False, **kwargs)`: a dict's items set while it runs, then restored. */
export class PatchDict {
  static readonly pythonName = "_patch_dict";
  #saved: unknown = null;
  #dict: unknown = null;

  constructor(
    readonly inDict: unknown,
    readonly values: unknown,
    readonly clear: boolean,
    readonly kwargs: Record<string, unknown>,
  ) {}

  __enter__(): any {
    const d = typeof this.inDict === "string" ? resolve(this.inDict) : this.inDict;
    this.#dict = d;
    this.#saved = callMethod(d, "copy");
    if (this.clear) callMethod(d, "clear");
    callMethod(d, "update", this.values);
    if (Object.keys(this.kwargs).length > 0) callMethod(d, "update", new Kwargs(this.kwargs));
    return d;
  }

  __exit__(..._args: unknown[]): any {
    callMethod(this.#dict, "clear");
    callMethod(this.#dict, "update", this.#saved);
    return false;
  }

  start(): any {
    return this.__enter__();
  }

  stop(): any {
    return this.__exit__(null, null, null);
  }

  __call__(fn: unknown): any {
    if (isClass(fn)) throw new PyTypeError("patch.dict as a class decorator is not supported");
    const self = this;
    return function (this: unknown, ...args: unknown[]): unknown {
      self.__enter__();
      try {
        return callValue(fn, ...args);
      } finally {
        self.__exit__(null, null, null);
      }
    };
  }
}

function patchDict(...args: unknown[]): PatchDict {
  const [pos, kw] = splitKw(args);
  const inDict = pos[0] ?? kw["in_dict"];
  const values = pos.length > 1 ? pos[1] : "values" in kw ? kw["values"] : new Dict();
  const clear = truthy(pos.length > 2 ? pos[2] : (kw["clear"] ?? false));
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) if (!["in_dict", "values", "clear"].includes(k)) rest[k] = v;
  return new PatchDict(inDict, values, clear, rest);
}
(patch as unknown as { dict: unknown }).dict = builtinFunction(patchDict, "dict");

