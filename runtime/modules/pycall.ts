// Calling a Python callable from runtime code: plain functions, runtime type objects
// (callable without `new`), user classes (JS classes, which need `new`) and `__call__` objects.

import { PyTypeError } from "../values/exceptions.js";
import { isClass, typeName } from "../values/typename.js";
import { CALLING, enterRecursionSite, leaveRecursionSite, noteRecursionSite } from "../values/recursion.js";
import { callFunction, constructChecked, invokeMethod, STATIC_METHOD } from "../lang/functions.js";
import { functionInfo } from "../lang/function-info.js";
import { callMethod, methodTable, missingAttribute } from "../values/methods.js";
import { getattrImpl } from "../values/attributes.js";
import { attrKey } from "../lang/attr-names.js";
import { applyMany, withManyArgs } from "../lang/spread-call.js";
import { type ArgumentsEntry, CHECKS_OWN_ARGUMENTS } from "../values/builtin-type.js";
import { Kwargs } from "../values/kwargs.js";

type AnyFn = (...args: unknown[]) => unknown;

export function callValue(f: unknown, ...args: unknown[]): any {
  return callValueWith(f, args);
}
// `f(*xs)` of any length (see spreadCall).
withManyArgs(callValue, (args) => callValueWith(args[0], args.slice(1)));

/**
 * `f(*xs)`, `f(a, *xs, **kw)`: the call of a Python value with its arguments in one array, as
 * callValue checks them, for any number of them (a JS spread overflows the stack past ~120k);
 * with `self`, the runtime function `fn` called on it (`asyncio.gather(*coros)`).
 */
export function spreadCall(f: unknown, args: unknown[], self?: unknown): any {
  if (self !== undefined) return applyMany(f, self, args);
  // `obj.m(*xs)`: the bound method called, whose errors name the value's own type (`bool.bit_length()`)
  if (f === callMethod && typeof args[1] === "string" && methodTable(args[0]) !== undefined) return callValueWith(getattrImpl(args[0], args[1]), args.slice(2));
  return callValueWith(f, args);
}

function callValueWith(f: unknown, args: unknown[]): any {
  if (typeof f === "function") {
    // (a built-in method read off a value, `pop = xs.pop`, binds its arguments itself)
    const entry = (f as { [CHECKS_OWN_ARGUMENTS]?: ArgumentsEntry })[CHECKS_OWN_ARGUMENTS];
    if (entry !== undefined && !(args[args.length - 1] instanceof Kwargs)) return entry(args);
    // Type objects marked __pytype__ (builtins, pyClass proxies) accept a plain call; a user
    // subclass of one inherits the mark but is a JS class, which needs `new`.
    if (isClass(f) && !Object.hasOwn(f, "__pytype__")) {
      return constructChecked(f, args);
    }
    return callFunction(f as AnyFn, args);
  }
  const call = (f as { __call__?: unknown } | null)?.__call__;
  if (f !== null && typeof f === "object" && typeof call === "function") {
    enterRecursionSite();
    try {
      return invokeMethod(call as AnyFn, [f, ...args]);
    } catch (e) {
      noteRecursionSite(e, CALLING);
      throw e;
    } finally {
      leaveRecursionSite();
    }
  }
  throw new PyTypeError(`'${typeName(f)}' object is not callable`);
}

/**
 * `obj.name(*args)` where the receiver's class is unknown at compile time and the arguments
 * may not fit: a method of the object's class with a recorded signature is bound against it
 * (CPython's TypeError when it does not take them); anything else is called as callMethod does.
 */
export function callMethodChecked(obj: unknown, name: string, ...args: unknown[]): any {
  if (obj !== null && typeof obj === "object") {
    const key = attrKey(obj, name);
    const method = Object.hasOwn(obj, key) ? undefined : (obj as Record<string, unknown>)[key];
    // (a static method read through the instance takes no `self`)
    if (typeof method === "function" && Object.hasOwn(method, STATIC_METHOD)) return callFunction(method as AnyFn, args);
    if (typeof method === "function" && functionInfo(method)?.spec) return invokeMethod(method as AnyFn, [obj, ...args]);
  }
  return callMethod(obj, name, ...args);
}

/**
 * `(obj?.name ?? noMethod(obj, "name")).call(obj, ...)`, the lowering's call of a method obj's
 * class may lack (src/lower/method-guard.ts): CPython's AttributeError, or its TypeError when
 * the attribute holds None.
 */
export function noMethod(obj: unknown, name: string): never {
  if (obj !== null && obj !== undefined && (Object(obj) as Record<string, unknown>)[attrKey(obj, name)] === null) {
    throw new PyTypeError("'NoneType' object is not callable");
  }
  throw missingAttribute(obj, name);
}
