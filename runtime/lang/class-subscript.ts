// `Cls[key]` for a class without `__class_getitem__` of its own reach: CPython subscripts a
// class only through `__class_getitem__` (or its metaclass's `__getitem__`), so a plain user
// class raises "type 'Plain' is not subscriptable", while a class deriving from a generic
// built-in (`class Stack(list)`) or standard library class (`class Jobs(deque)`) inherits it
// and gives `Stack[int]`.
import { PyTypeError } from "../values/exceptions.js";
import { PYTHON_TYPE } from "../values/wrapped.js";
import { className, moduleName, qualName } from "../values/typename.js";
import { GENERIC_STDLIB_CLASSES } from "./generic-classes.js";
import { mroOf } from "./mro.js";

/** Own mark of a class a program's class statement made (classOrigin). */
export const PROGRAM_CLASS = Symbol.for("pyts.programClass");

/** The built-in types whose `__dict__` holds `__class_getitem__` (CPython 3.11). */
const GENERIC_BUILTINS = new Set(["dict", "enumerate", "frozenset", "list", "set", "tuple", "BaseExceptionGroup"]);

/** JS's own constructors in a class chain (Error under exceptions, Array under lists): not Python classes. */
const JS_CONSTRUCTORS = new Set<unknown>([Object, Function, Error, Array, Map, Set, Promise]);

/** A class of the program's (not a runtime type object or a class standing for a library's). */
export function isProgramClass(cls: object): boolean {
  return Object.hasOwn(cls, PROGRAM_CLASS) || moduleName(cls as never) === "__main__";
}

/** Does some class of `cls`'s MRO give it `__class_getitem__`? */
function inheritsClassGetitem(cls: object): boolean {
  for (const c of mroOf(cls as never) as unknown as object[]) {
    if (JS_CONSTRUCTORS.has(c)) continue;
    const shown = (Object.hasOwn(c, PYTHON_TYPE) ? (c as Record<symbol, unknown>)[PYTHON_TYPE] : c) as object;
    if (moduleName(shown as never) === "builtins") {
      if (GENERIC_BUILTINS.has(className(shown as never))) return true;
      continue;
    }
    if (!isProgramClass(shown) && GENERIC_STDLIB_CLASSES.has(`${moduleName(shown as never)}.${qualName(shown as never)}`)) return true;
  }
  return false;
}

/** `Cls[key]` where `Cls` has no `__class_getitem__`: whether a generic alias may stand for it, else TypeError. */
export function checkClassSubscript(cls: object): void {
  // (a runtime class itself is left generic: the standard library's are, nearly all)
  if (isProgramClass(cls) && !inheritsClassGetitem(cls)) throw new PyTypeError(`type '${className(cls as never)}' is not subscriptable`);
}
