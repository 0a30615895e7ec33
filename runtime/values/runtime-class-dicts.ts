// `Cls.__dict__` and `vars(Cls)` of the runtime's classes standing for CPython's
// (`decimal.Decimal`, `logging.LogRecord`, `collections.OrderedDict`): a mappingproxy of the
// names CPython's class dict holds, in its order (class-dict-table.ts, generated from python3),
// each the object pyts reads off the class under that name (a method descriptor, a property, a
// function); the instances' `__dict__`/`__weakref__` entries are getset descriptors. A name
// pyts does not provide is left out.

import { CLASS_DICT_TABLE } from "./class-dict-table.js";
import { classDataDescriptor } from "./class-data.js";
import { builtinDataDescriptor } from "./data-descriptors.js";
import { getattr } from "./builtin-functions.js";
import { MappingProxy } from "./namespaces.js";
import { moduleName, qualName } from "./typename.js";

const MISSING = Symbol("missing");

/** The value of `name` in runtime class `cls`'s namespace, or MISSING. */
function namespaceEntry(cls: Function, name: string): unknown {
  if (name === "__module__") return moduleName(cls);
  if (name === "__dict__" || name === "__weakref__") return builtinDataDescriptor(cls, name, "g");
  const data = classDataDescriptor(cls, name);
  if (data !== undefined) return data;
  try {
    return getattr(cls, name);
  } catch {
    return MISSING;
  }
}

/** `cls.__dict__` for a runtime class CPython's class of the same name stands behind, else undefined. */
export function runtimeClassDict(cls: Function): MappingProxy | undefined {
  let row: string | undefined;
  try {
    row = CLASS_DICT_TABLE.get(`${moduleName(cls)}.${qualName(cls)}`);
  } catch {
    return undefined;
  }
  if (row === undefined) return undefined;
  const d = new MappingProxy();
  for (const name of row.split(" ")) {
    const value = namespaceEntry(cls, name);
    if (value !== MISSING) d.set(name, value);
  }
  d.sealed = true;
  return d;
}
