// A direct attribute store the lowering emits (`v.x = 1`) on a value that has no `__dict__`
// fails in JS's own words: a store on a primitive (Python's int, float, str, bool), on None,
// or on a non-extensible object (`object()`'s instances) throws JS's TypeError. Python code
// sees CPython's AttributeError for it.

const ON_PRIMITIVE = /^Cannot create property '(.+)' on (bigint|number|string|boolean) '/s;
const ON_NOTHING = /^Cannot set properties of (?:null|undefined) \(setting '(.+)'\)$/s;
const NOT_EXTENSIBLE = /^Cannot add property (.+), object is not extensible$/s;

const PRIMITIVE_TYPES: Readonly<Record<string, string>> = { bigint: "int", number: "float", string: "str", boolean: "bool" };

/** CPython's AttributeError message for JS's TypeError from such a store, else null. */
export function attributeStoreMessage(e: unknown): string | null {
  if (!(e instanceof TypeError)) return null;
  const message = e.message;
  let m = ON_PRIMITIVE.exec(message);
  if (m !== null) return missing(PRIMITIVE_TYPES[m[2]!]!, m[1]!);
  m = ON_NOTHING.exec(message);
  if (m !== null) return missing("NoneType", m[1]!);
  m = NOT_EXTENSIBLE.exec(message);
  if (m !== null) return missing("object", m[1]!);
  return null;
}

const missing = (type: string, name: string): string => `'${type}' object has no attribute '${name}'`;
