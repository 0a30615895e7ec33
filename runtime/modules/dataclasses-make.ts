// `dataclasses.InitVar`, `KW_ONLY` and `make_dataclass`. A class statement's dataclass gets
// its __init__ written by the lowering; make_dataclass builds one at run time instead, binding
// arguments as that __init__ would (same order: positional fields, then keyword-only ones).

import { objectKey } from "../lang/attr-names.js";
import { bindArguments, type Param } from "../lang/binding.js";
import { makeClass } from "../lang/dynamic-classes.js";
import { classCreated } from "../lang/class-creation.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { iter } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { repr, strRepr } from "../values/repr.js";
import { isidentifier } from "../values/str-case.js";
import { Tuple } from "../values/tuple.js";
import { typeArgRepr } from "../values/subscript.js";
import { callValue } from "./pycall.js";
import { Field, MISSING, dataclass, field } from "./dataclasses.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

/** `InitVar[T]`: marks a pseudo-field passed to __post_init__. */
export class InitVar {
  static readonly __module__ = "dataclasses";
  constructor(readonly type: unknown) {}
  static __class_getitem__(type: unknown): InitVar {
    return new InitVar(type);
  }
  __repr__(): string {
    return `dataclasses.InitVar[${typeArgRepr(this.type)}]`;
  }
}

class KwOnlyType {
  static readonly pythonName = "_KW_ONLY_TYPE";
  static readonly __module__ = "dataclasses";
}
/** `_: KW_ONLY`: the fields after it are keyword-only. */
export const KW_ONLY: unknown = new KwOnlyType();

const DEFAULT_TYPE = "typing.Any";

// Python's keywords: no field may be named after one.
const KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for from " +
    "global if import in is lambda nonlocal not or pass raise return try while with yield").split(" "),
);
const isKeyword = (name: string): boolean => KEYWORDS.has(name);

interface FieldItem {
  name: string;
  type: unknown;
  spec: unknown; // a Field, a default value, or MISSING
}

function fieldItems(fields: unknown): FieldItem[] {
  const items: FieldItem[] = [];
  const seen = new Set<string>();
  for (const item of iter(fields) as Iterable<unknown>) {
    let parsed: FieldItem;
    if (typeof item === "string") parsed = { name: item, type: DEFAULT_TYPE, spec: MISSING };
    else {
      const parts = item instanceof Tuple ? item.items : Array.isArray(item) ? item : null;
      if (parts === null) throw new PyTypeError(`object of type '${typeof item === "bigint" ? "int" : typeof item}' has no len()`);
      if (parts.length === 2) parsed = { name: parts[0] as string, type: parts[1], spec: MISSING };
      else if (parts.length === 3) parsed = { name: parts[0] as string, type: parts[1], spec: parts[2] };
      else throw new PyTypeError(`Invalid field: ${repr(item)}`);
    }
    if (typeof parsed.name !== "string" || !isidentifier(parsed.name)) {
      throw new PyTypeError(`Field names must be valid identifiers: ${repr(parsed.name)}`);
    }
    if (isKeyword(parsed.name)) throw new PyTypeError(`Field names must not be keywords: ${strRepr(parsed.name)}`);
    if (seen.has(parsed.name)) throw new PyTypeError(`Field name duplicated: ${strRepr(parsed.name)}`);
    seen.add(parsed.name);
    items.push(parsed);
  }
  return items;
}

const OPTION_NAMES = ["bases", "namespace", "init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots", "weakref_slot"];

/** `make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True, ...)`. */
export function make_dataclass(...args: unknown[]): any {
  const [positional, options] = splitKw(args);
  const [clsName, fieldList] = positional;
  if (typeof clsName !== "string") throw new PyTypeError("make_dataclass() argument 'cls_name' must be str");
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) throw new PyTypeError(`make_dataclass() got an unexpected keyword argument '${key}'`);
  }
  const items = fieldItems(fieldList);
  const kwOnlyAll = options["kw_only"] === true;
  const fields = items.map((item) => {
    const f = item.spec instanceof Field ? item.spec : (field() as Field);
    if (!(item.spec instanceof Field) && item.spec !== MISSING) {
      // A plain default: the field records it as field(default=...) would.
      Object.defineProperty(f, "defaultValue", { value: item.spec });
    }
    f.name = item.name;
    f.type = item.type;
    if (f.kw_only === MISSING) f.kw_only = kwOnlyAll;
    return f;
  });
  const initFields = [...fields.filter((f) => f.init && f.kw_only !== true), ...fields.filter((f) => f.init && f.kw_only === true)];
  // `self` counts in CPython's messages ("takes from 3 to 4 positional arguments").
  const params: Param[] = [{ name: "self", kind: "positional", hasDefault: false }, ...initFields.map((f): Param => ({
    name: f.name,
    kind: f.kw_only === true ? "kwonly" : "positional",
    hasDefault: f.defaultValue !== MISSING || f.default_factory !== MISSING,
  }))];
  const defaultOf = (f: Field): unknown => (f.default_factory !== MISSING ? callValue(f.default_factory) : f.defaultValue);

  const namespace = new Dict();
  const extra = options["namespace"];
  if (extra instanceof Dict) for (const [k, v] of extra.entries()) namespace.set(k, v);
  for (const f of fields) if (f.defaultValue !== MISSING) namespace.set(f.name, f.defaultValue);
  if (options["init"] !== false && !namespace.has("__init__")) {
    namespace.set("__init__", function (self: Record<string, unknown>, ...callArgs: unknown[]): null {
      const [given, keywords] = splitKw(callArgs);
      const bound = bindArguments<unknown>(`${clsName}.__init__`, params, [self, ...given], Object.entries(keywords));
      if (typeof bound === "string") throw new PyTypeError(bound);
      const values = [...bound.positional.slice(1), ...bound.kwonly];
      initFields.forEach((f, i) => {
        self[objectKey(f.name)] = values[i] === undefined ? defaultOf(f) : values[i];
      });
      for (const f of fields) if (!f.init && (f.defaultValue !== MISSING || f.default_factory !== MISSING)) self[objectKey(f.name)] = defaultOf(f);
      const postInit = self["__post_init__"];
      if (typeof postInit === "function") callValue(postInit.bind(self));
      return null;
    });
  }
  // (3.11 builds the class in types.new_class, whose module type() records)
  if (!namespace.has("__module__")) namespace.set("__module__", "types");
  const bases = options["bases"] instanceof Tuple ? options["bases"] : Tuple.of();
  const cls = makeClass(clsName, bases, namespace);
  classCreated(cls);
  const specs = fields.map((f) => [f.name, f, null] as const);
  const dataclassOptions: Record<string, unknown> = { fields: specs };
  for (const key of ["repr", "eq", "order", "unsafe_hash", "frozen", "kw_only"]) {
    if (key in options) dataclassOptions[key] = options[key] === true;
  }
  // `replace()` rebuilds through this __init__, which binds keywords at run time.
  dataclassOptions["byKeyword"] = true;
  return dataclass(cls, dataclassOptions);
}

// (`dataclasses.InitVar.type`: InitVar's `__slots__`)
declareDataAttributes(InitVar, "member", "type", true);
