// The names of the standard modules whose every name pyts checks at compile time. `cpython`
// lists what CPython 3.11's module has (`dir(m)`); `provided` what pyts's runtime module has;
// `star` what `from m import *` binds (`__all__`, or without one the names not starting with
// `_`). `m.name` for a name CPython has and pyts lacks is a located error; for a name neither
// has it raises CPython's AttributeError at run time.

import { RUNTIME_STAR_NAMES } from "./star-names.js";

export interface ModuleNames {
  cpython: ReadonlySet<string>;
  provided: ReadonlySet<string>;
  star: readonly string[];
}

const MODULE_DUNDERS = ["__builtins__", "__cached__", "__doc__", "__file__", "__loader__", "__name__", "__package__", "__spec__"];

function names(cpython: string[], lacking: string[], star: string[]): ModuleNames {
  const all = new Set([...MODULE_DUNDERS, ...cpython]);
  const missing = new Set([...MODULE_DUNDERS.filter((n) => n !== "__name__"), ...lacking]);
  return { cpython: all, provided: new Set([...all].filter((n) => !missing.has(n))), star };
}

const STRING_ALL = [
  "ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits", "hexdigits", "octdigits", "printable",
  "punctuation", "whitespace", "Formatter", "Template",
];
const BISECT_PUBLIC = ["bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"];
const HEAPQ_ALL = ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest", "nsmallest", "heappushpop"];

const ABC_LACKING = ["ABCMeta", "_abc_init", "_abc_instancecheck", "_abc_register", "_abc_subclasscheck", "_get_dump", "_reset_caches", "_reset_registry",
  "abstractclassmethod", "abstractproperty", "abstractstaticmethod", "get_cache_token", "update_abstractmethods"];

// dir(re) in CPython 3.11; pyts lacks re's private helpers and the modules it imports.
const RE_NAMES = ["A", "ASCII", "DEBUG", "DOTALL", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "Match", "NOFLAG", "Pattern", "RegexFlag", "S", "Scanner", "T", "TEMPLATE", "U", "UNICODE", "VERBOSE", "X", "_MAXCACHE", "__all__", "__path__", "__version__", "_cache", "_casefix", "_compile", "_compile_repl", "_compiler", "_constants", "_expand", "_parser", "_pickle", "_special_chars_map", "_subx", "compile", "copyreg", "enum", "error", "escape", "findall", "finditer", "fullmatch", "functools", "match", "purge", "search", "split", "sub", "subn", "template"];
const RE_LACKING = ["_MAXCACHE", "_cache", "_casefix", "_compile", "_compile_repl", "_compiler", "_constants", "_expand", "_parser", "_pickle", "_special_chars_map", "_subx", "copyreg", "enum", "functools", "__path__"];

const TEXTWRAP_NAMES = ["TextWrapper", "__all__", "_leading_whitespace_re", "_whitespace", "_whitespace_only_re", "dedent", "fill", "indent", "re", "shorten", "wrap"];

const PPRINT_NAMES = ["PrettyPrinter", "_StringIO", "__all__", "_builtin_scalars", "_collections", "_dataclasses", "_perfcheck", "_recursion", "_safe_key", "_safe_tuple", "_sys", "_types", "_wrap_bytes_repr", "isreadable", "isrecursive", "pformat", "pp", "pprint", "re", "saferepr"];

const OPERATOR_NAMES = ["__abs__", "__add__", "__all__", "__and__", "__call__", "__concat__", "__contains__", "__delitem__", "__eq__", "__floordiv__", "__ge__", "__getitem__", "__gt__", "__iadd__", "__iand__", "__iconcat__", "__ifloordiv__", "__ilshift__", "__imatmul__", "__imod__", "__imul__", "__index__", "__inv__", "__invert__", "__ior__", "__ipow__", "__irshift__", "__isub__", "__itruediv__", "__ixor__", "__le__", "__lshift__", "__lt__", "__matmul__", "__mod__", "__mul__", "__ne__", "__neg__", "__not__", "__or__", "__pos__", "__pow__", "__rshift__", "__setitem__", "__sub__", "__truediv__", "__xor__", "_abs", "abs", "add", "and_", "attrgetter", "call", "concat", "contains", "countOf", "delitem", "eq", "floordiv", "ge", "getitem", "gt", "iadd", "iand", "iconcat", "ifloordiv", "ilshift", "imatmul", "imod", "imul", "index", "indexOf", "inv", "invert", "ior", "ipow", "irshift", "is_", "is_not", "isub", "itemgetter", "itruediv", "ixor", "le", "length_hint", "lshift", "lt", "matmul", "methodcaller", "mod", "mul", "ne", "neg", "not_", "or_", "pos", "pow", "rshift", "setitem", "sub", "truediv", "truth", "xor"];

const COPY_NAMES = ["Error", "__all__", "_copy_dispatch", "_copy_immutable", "_deepcopy_atomic", "_deepcopy_dict", "_deepcopy_dispatch", "_deepcopy_list", "_deepcopy_method", "_deepcopy_tuple", "_keep_alive", "_reconstruct", "copy", "deepcopy", "dispatch_table", "error"];

export const CHECKED_MODULES: ReadonlyMap<string, ModuleNames> = new Map([
  // `from abc import *` binds the names pyts provides (README: ABCMeta & co. are missing).
  ["abc", names(["ABC", "abstractmethod", ...ABC_LACKING], ABC_LACKING, ["ABC", "abstractmethod"])],
  ["string", names([...STRING_ALL, "__all__", "_ChainMap", "_re", "_sentinel_dict", "_string"], ["_ChainMap", "_re", "_sentinel_dict", "_string"], STRING_ALL)],
  ["bisect", names(BISECT_PUBLIC, [], BISECT_PUBLIC)],
  ["textwrap", names(TEXTWRAP_NAMES, ["_leading_whitespace_re", "_whitespace", "_whitespace_only_re", "re"], ["TextWrapper", "wrap", "fill", "dedent", "indent", "shorten"])],
  ["pprint", names(PPRINT_NAMES, ["_StringIO", "_builtin_scalars", "_collections", "_dataclasses", "_perfcheck", "_recursion", "_safe_key", "_safe_tuple", "_sys", "_types", "_wrap_bytes_repr", "re"], ["pprint", "pformat", "isreadable", "isrecursive", "saferepr", "PrettyPrinter", "pp"])],
  ["operator", names(OPERATOR_NAMES, ["__abs__", "__add__", "__and__", "__call__", "__concat__", "__contains__", "__delitem__", "__eq__", "__floordiv__", "__ge__", "__getitem__", "__gt__", "__iadd__", "__iand__", "__iconcat__", "__ifloordiv__", "__ilshift__", "__imatmul__", "__imod__", "__imul__", "__index__", "__inv__", "__invert__", "__ior__", "__ipow__", "__irshift__", "__isub__", "__itruediv__", "__ixor__", "__le__", "__lshift__", "__lt__", "__matmul__", "__mod__", "__mul__", "__ne__", "__neg__", "__not__", "__or__", "__pos__", "__pow__", "__rshift__", "__setitem__", "__sub__", "__truediv__", "__xor__", "_abs"], OPERATOR_NAMES.filter((n) => !n.startsWith("_")))],
  ["copy", names(COPY_NAMES, ["_copy_dispatch", "_copy_immutable", "_deepcopy_atomic", "_deepcopy_dict", "_deepcopy_dispatch", "_deepcopy_list", "_deepcopy_method", "_deepcopy_tuple", "_keep_alive", "_reconstruct", "dispatch_table"], ["Error", "copy", "deepcopy"])],
  ["re", names(RE_NAMES, RE_LACKING, ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "compile", "purge", "template", "escape", "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE", "NOFLAG", "RegexFlag"])],
  [
    "heapq",
    names(
      [...HEAPQ_ALL, "__about__", "__all__", "_heapify_max", "_heappop_max", "_heapreplace_max", "_siftdown", "_siftdown_max", "_siftup", "_siftup_max"],
      ["__about__"],
      HEAPQ_ALL,
    ),
  ],
]);

/** The names `from module import *` binds, when pyts knows them. */
export function starNames(module: string | null): readonly string[] | null {
  return CHECKED_MODULES.get(module ?? "")?.star ?? RUNTIME_STAR_NAMES.get(module ?? "") ?? null;
}
