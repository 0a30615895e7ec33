// `del name` in a class body: the name leaves the class's namespace wherever pyts keeps it
// (a static member, a method on the prototype, a value its decorators returned).

import { nameErrorOf } from "../values/exceptions.js";
import { functionKey, objectKey } from "./attr-names.js";
import { unshareDescriptor } from "./descriptors.js";
import { recordBodyValue } from "./body-values.js";

export function deleteClassName(cls: any, pyName: string): void {
  const classKey = functionKey(pyName);
  const key = objectKey(pyName);
  let found = false;
  if (Object.hasOwn(cls, classKey)) {
    delete cls[classKey];
    unshareDescriptor(cls, key);
    found = true;
  }
  // (a def's method, or the wrapper standing for what its decorators returned)
  const own = Object.getOwnPropertyDescriptor(cls.prototype, key);
  if (own !== undefined && typeof own.value === "function") {
    delete cls.prototype[key];
    found = true;
  }
  recordBodyValue(cls, classKey, undefined);
  if (!found) throw nameErrorOf(`name '${pyName}' is not defined`, pyName);
}
