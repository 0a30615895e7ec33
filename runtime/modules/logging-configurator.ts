// logging.config's configurator machinery: `valid_ident`, `BaseConfigurator` (the `ext://` and
// `cfg://` value converters, `resolve`, `configure_custom` for `()` factories, `as_tuple`),
// as CPython's Lib/logging/config.py documents them, and the Converting containers: the
// configuration is held as a ConvertingDict whose items (and those of the dicts, lists and
// tuples in it) go through the configurator's `convert` as they are read by `[]`.

import { declareLazyClassValues } from "../values/declared-attributes.js";
import { compilePattern } from "./re.js";
import { __import__ } from "./dunder-import.js";
import { AttributeError, ImportError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { kw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { callMethod } from "../values/methods.js";
import { builtinGetitem, getitem, setitem } from "../values/subscript.js";
import { getattr, setattr } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { TupleSubclass } from "./struct-sequence.js";
import { standardStreams } from "../values/print.js";
import { callValue } from "./pycall.js";
import { importByName } from "./program-modules.js";
import * as logging from "./logging.js";
import { DictBase, ListBase } from "../lang/builtin-bases.js";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;

/** `valid_ident(s)`: true for a Python identifier, else CPython's ValueError. */
export function valid_ident(s: unknown): boolean {
  if (typeof s !== "string" || !IDENTIFIER.test(s)) throw new ValueError(`Not a valid Python identifier: ${repr(s)}`);
  return true;
}

const CONVERT_PATTERN = /^([a-z]+):\/\/(.*)$/s;
const WORD_PATTERN = /^\s*(\w+)\s*/;
const DOT_PATTERN = /^\.\s*(\w+)\s*/;
const INDEX_PATTERN = /^\[\s*(\w+)\s*\]\s*/;
const DIGIT_PATTERN = /^\d+$/;

/** Where a converted container came from (CPython's `parent` and `key`), and its configurator. */
interface Converting {
  configurator: BaseConfigurator | null;
  parent: unknown;
  key: unknown;
}

function isConverting(x: unknown): x is Converting {
  return x instanceof ConvertingDict || x instanceof ConvertingList || x instanceof ConvertingTuple;
}

/** CPython's ConvertingMixin.convert_with_key: the item converted, stored back when `replace`. */
function convertItem(self: Converting & object, key: unknown, value: unknown, replace: boolean): unknown {
  const result = self.configurator === null ? value : self.configurator.convert(value);
  if (value !== result) {
    if (replace) setitem(self, key, result);
    if (isConverting(result)) {
      result.parent = self;
      result.key = key;
    }
  }
  return result;
}

/** CPython's ConvertingMixin.convert: a value converted (not stored), remembering its parent. */
function convertValue(self: Converting & object, value: unknown): unknown {
  const result = self.configurator === null ? value : self.configurator.convert(value);
  if (value !== result && isConverting(result)) result.parent = self;
  return result;
}

/** `logging.config.ConvertingDict`: a dict whose items read by `[]` are converted (and stored so). */
export class ConvertingDict extends (DictBase as unknown as typeof Dict<unknown, unknown>) implements Converting {
  static readonly __module__ = "logging.config";
  /** `ConvertingDict(mapping_or_pairs, **kwargs)`, as dict() takes them (DictBase fills it). */
  constructor(...args: unknown[]) {
    super(...(args as []));
  }
  configurator: BaseConfigurator | null = null;
  parent: unknown = null;
  key: unknown = null;
  __getitem__(key: unknown): any {
    return convertItem(this, key, builtinGetitem(this, key), true);
  }
  convert_with_key(key: unknown, value: unknown, replace: unknown = true): any {
    return convertItem(this, key, value, replace !== false);
  }
  convert(value: unknown): any {
    return convertValue(this, value);
  }
}

/** `logging.config.ConvertingList`: a list whose items read by `[]` are converted (and stored so). */
export class ConvertingList extends (ListBase as unknown as typeof Array<unknown>) implements Converting {
  static readonly __module__ = "logging.config";
  /** `ConvertingList(iterable)`, as list() takes it (ListBase fills it). */
  constructor(...args: unknown[]) {
    super(...(args as []));
  }
  configurator: BaseConfigurator | null = null;
  parent: unknown = null;
  key: unknown = null;
  __getitem__(key: unknown): any {
    return convertItem(this, key, builtinGetitem(this, key), true);
  }
  convert_with_key(key: unknown, value: unknown, replace: unknown = true): any {
    return convertItem(this, key, value, replace !== false);
  }
  convert(value: unknown): any {
    return convertValue(this, value);
  }
}

/** `logging.config.ConvertingTuple`: a tuple whose items read by `[]` are converted. */
export class ConvertingTuple extends TupleSubclass<unknown> implements Converting {
  static readonly __module__ = "logging.config";
  constructor(items: unknown = []) {
    super(Array.from(iterable(items)));
  }
  configurator: BaseConfigurator | null = null;
  parent: unknown = null;
  key: unknown = null;
  __getitem__(key: unknown): any {
    return convertItem(this, key, builtinGetitem(this, key), false);
  }
  convert_with_key(key: unknown, value: unknown, replace: unknown = true): any {
    return convertItem(this, key, value, replace !== false);
  }
  convert(value: unknown): any {
    return convertValue(this, value);
  }
}

/**
 * `logging.config.ConvertingMixin`: the conversion methods the three Converting containers
 * share; a class deriving from it (with a `configurator`) converts the same way. The
 * containers are its subclasses for isinstance/issubclass.
 */
export class ConvertingMixin {
  static readonly __module__ = "logging.config";
  static __subclasscheck__(cls: unknown): boolean {
    return typeof cls === "function" && (cls === ConvertingMixin || cls.prototype instanceof ConvertingMixin || [ConvertingDict, ConvertingList, ConvertingTuple].some((c) => cls === c || cls.prototype instanceof c));
  }
  static __instancecheck__(x: unknown): boolean {
    return x instanceof ConvertingMixin || isConverting(x);
  }
  convert_with_key(key: unknown, value: unknown, replace: unknown = true): any {
    return convertItem(this as unknown as Converting & object, key, value, replace !== false);
  }
  convert(value: unknown): any {
    return convertValue(this as unknown as Converting & object, value);
  }
}

/** A dict, list or tuple as its Converting counterpart reading through `configurator`. */
function converting(value: unknown, configurator: BaseConfigurator): unknown {
  let result: (Converting & object) | null = null;
  if (value instanceof Dict && !(value instanceof ConvertingDict)) result = new ConvertingDict(value);
  else if (Array.isArray(value) && !(value instanceof ConvertingList)) {
    result = new ConvertingList(value);
  } else if (value instanceof Tuple && !(value instanceof ConvertingTuple) && Object.getPrototypeOf(value) === Tuple.prototype) result = new ConvertingTuple(value.items);
  if (result === null) return value;
  result.configurator = configurator;
  return result;
}

/** `logging.config.BaseConfigurator(config)`. */
export class BaseConfigurator {
  static readonly __module__ = "logging.config";
  static value_converters = Dict.fromRecord({ ext: "ext_convert", cfg: "cfg_convert" });
  // (class attributes declared after the class)
  declare static CONVERT_PATTERN: unknown;
  declare static WORD_PATTERN: unknown;
  declare static DOT_PATTERN: unknown;
  declare static INDEX_PATTERN: unknown;
  declare static DIGIT_PATTERN: unknown;
  declare static importer: (...args: unknown[]) => unknown;
  config: unknown;

  constructor(config: unknown) {
    this.config = converting(config, this);
  }

  /**
   * A dotted name (`sys.stdout`, `logging.StreamHandler`, `__main__.MyFilter`, `pkg.mod.f`): the
   * first part imported, the rest read as attributes, a submodule imported where one is missing.
   */
  resolve(s: unknown): any {
    const name = toStr(s);
    if (name === "sys.stdout") return standardStreams.stdout;
    if (name === "sys.stderr") return standardStreams.stderr;
    const short = name.startsWith("logging.") ? name.slice(8) : name;
    const own = (logging.loggingModule as unknown as Record<string, unknown>)[short];
    if (own !== undefined && !short.includes(".")) return own;
    const [first, ...rest] = name.split(".");
    try {
      let used = first!;
      let found = importByName(used);
      for (const part of rest) {
        used += `.${part}`;
        try {
          found = getattr(found, part);
        } catch (error) {
          if (!(error instanceof AttributeError)) throw error;
          importByName(used);
          found = getattr(found, part);
        }
      }
      return found;
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const failure = new ValueError(`Cannot resolve ${repr(name)}: ${toStr(error)}`);
      failure.__cause__ = error;
      throw failure;
    }
  }

  ext_convert(value: unknown): any {
    return this.resolve(value);
  }

  /** `cfg://handlers.console.level`, `cfg://items[0]`: a value elsewhere in the configuration. */
  cfg_convert(value: unknown): any {
    let rest = toStr(value);
    const first = WORD_PATTERN.exec(rest);
    if (first === null) throw new ValueError(`Unable to convert ${repr(value)}`);
    rest = rest.slice(first[0].length);
    let d: unknown = getitem(this.config, first[1]);
    while (rest) {
      const dot = DOT_PATTERN.exec(rest);
      const index = dot === null ? INDEX_PATTERN.exec(rest) : null;
      if (dot !== null) d = getitem(d, dot[1]);
      else if (index !== null) {
        const idx = index[1]!;
        if (!DIGIT_PATTERN.test(idx)) d = getitem(d, idx);
        else {
          try {
            d = getitem(d, BigInt(idx));
          } catch (error) {
            if (!(error instanceof PyTypeError)) throw error;
            d = getitem(d, idx);
          }
        }
      } else throw new ValueError(`Unable to convert ${repr(value)} at ${repr(rest)}`);
      rest = rest.slice((dot ?? index)![0].length);
    }
    return d;
  }

  /** A string `prefix://suffix` through its converter; other values as they are. */
  convert(value: unknown): any {
    if (typeof value !== "string") return converting(value, this);
    const m = CONVERT_PATTERN.exec(value);
    if (m === null) return value;
    const converters = (this.constructor as typeof BaseConfigurator).value_converters;
    const method = converters.get(m[1]);
    if (method === undefined) return value;
    return callMethod(this, toStr(method), m[2]);
  }

  /** A `()` factory's object: the factory called with the identifier keys, then the `.` attributes set. */
  configure_custom(config: unknown): any {
    let factory = callMethod(config, "pop", "()");
    if (typeof factory === "string") factory = this.resolve(factory);
    const props = callMethod(config, "pop", ".", null);
    const kwargs: Record<string, unknown> = {};
    for (const k of Array.from(iterable(config))) if (typeof k === "string" && IDENTIFIER.test(k)) kwargs[k] = this.convert(getitem(config, k));
    const result = callValue(factory, kw(kwargs));
    if (props !== null) for (const k of Array.from(iterable(props))) setattr(result, k, this.convert(getitem(props, k)));
    return result;
  }

  as_tuple(value: unknown): any {
    return Array.isArray(value) ? Tuple.of(...value) : value;
  }
}

// (CPython's class attributes: the patterns cfg:// and conversion strings are read with,
// compiled on first read, and the importer resolve() imports with)
declareLazyClassValues(BaseConfigurator, {
  CONVERT_PATTERN: () => compilePattern("^(?P<prefix>[a-z]+)://(?P<suffix>.*)$"),
  WORD_PATTERN: () => compilePattern("^\\s*(\\w+)\\s*"),
  DOT_PATTERN: () => compilePattern("^\\.\\s*(\\w+)\\s*"),
  INDEX_PATTERN: () => compilePattern("^\\[\\s*(\\w+)\\s*\\]\\s*"),
  DIGIT_PATTERN: () => compilePattern("^\\d+$"),
  importer: () => __import__,
});
