// What the lowering knows of a call's receiver from the modules it comes from: an attribute
// chain rooted at an imported module (`asyncio`, `os.path`), and values the runtime makes (a
// loop, a session, a response), whose methods are their own rather than a built-in type's.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import { RUNTIME_SUBMODULES } from "./builtins.js";
import { RUNTIME_CLASS_PATHS } from "./runtime-classes.js";
import { constructs } from "./calls.js";
import { staticModule } from "./imports.js";

/** `asyncio`, `urllib.request`, `datetime.datetime`: an attribute chain rooted at an imported module. */
export function isModuleExpr(cx: LowerContext, e: py.Expr): boolean {
  if (e._type === "Name") return cx.knownBinding(e.id)?.k === "module";
  return e._type === "Attribute" && isModuleExpr(cx, e.value);
}

/** Modules whose functions give str/list/tuple values (or objects without str-like methods). */
const PLAIN_VALUE_MODULES = new Set(["re", "json", "string", "textwrap", "pprint", "operator", "copy", "binascii", "base64", "hashlib", "hmac", "struct", "fractions", "statistics", "uuid", "calendar", "html", "os", "fnmatch", "glob", "shutil", "tempfile", "shlex", "getopt", "platform", "getpass", "secrets", "subprocess", "traceback", "warnings", "inspect", "xml", "xml.etree", "xml.etree.ElementTree", "difflib", "doctest", "errno", "stat",
  // numbers, strings, lists and dicts from these too (`random.choice(words).upper()`,
  // `unicodedata.normalize(...).encode()`, `sys.path.append(p)`, `dataclasses.asdict(p).items()`)
  "math", "cmath", "random", "time", "unicodedata", "locale", "zlib", "codecs", "zipfile", "tarfile", "gzip", "gc", "sys", "timeit", "atexit", "ast", "dataclasses", "functools", "itertools", "types",
]);

/** `os.path`, `urllib.request`: a submodule the runtime provides (a module object). */
export function isSubmodule(cx: LowerContext, e: py.Expr): boolean {
  const parts: string[] = [];
  while (e._type === "Attribute") {
    parts.unshift(e.attr);
    e = e.value;
  }
  if (e._type !== "Name") return false;
  const known = cx.knownBinding(e.id);
  return known?.k === "module" && RUNTIME_SUBMODULES.has([known.module, ...parts].join("."));
}

/** `math`, `os.path`: a module object, whose missing names the compiler already reports. */
export function isModuleValue(cx: LowerContext, e: py.Expr): boolean {
  return (e._type === "Name" && cx.knownBinding(e.id)?.k === "module") || isSubmodule(cx, e) || staticModule(cx, e) !== null;
}

function returnsPlainValues(cx: LowerContext, module: py.Expr): boolean {
  // A submodule (`os.path`) returns what its package does.
  while (module._type === "Attribute") module = module.value;
  if (module._type !== "Name") return false;
  const known = cx.knownBinding(module.id);
  return known?.k === "module" && PLAIN_VALUE_MODULES.has(known.module);
}

/**
 * Is this value an object made by the runtime (a loop, a session, a response) rather than a
 * str/list/dict? Then `x.get(...)` is its own method, not a built-in type's.
 */
export function isRuntimeValue(cx: LowerContext, e: py.Expr, depth = 0): boolean {
  if (depth > 4) return false;
  // (`string.digits.index(c)`: a constant of a plain-value module is a str, list, ...)
  // (`builtins.__doc__`, `os.__name__`: a module's str dunders are plain values)
  if (isModuleExpr(cx, e)) return !(e._type === "Attribute" && ((returnsPlainValues(cx, e.value) && !isSubmodule(cx, e)) || MODULE_STR_DUNDERS.has(e.attr)));
  // What a module function returns (a loop, a session) is a runtime object; what its methods
  // return may be anything (a str from `task.get_name()`).
  // (A plain-value module's classes, `string.Template(...)`, still make runtime objects.)
  // (`sys.stdout.getvalue()`: a stream the program may have replaced, say by a StringIO, gives anything.)
  if (e._type === "Call" && e.func._type === "Attribute" && isProgramStream(cx, e.func.value)) return false;
  if (e._type === "Call") return e.func._type === "Attribute" && isModuleExpr(cx, e.func.value) && (!returnsPlainValues(cx, e.func.value) || constructs(cx, e.func));
  if (e._type === "Await") return isRuntimeValue(cx, e.value, depth + 1);
  if (e._type !== "Name") return false;
  const scope = cx.resolve(e.id);
  const bindings = scope?.bindings.get(e.id);
  if (!scope || !bindings || bindings.length === 0) return false;
  return bindings.every((b) => {
    const s = b.stmt;
    if (!s) return false;
    if (s._type === "Assign" && b.kind === "assign") return isRuntimeValue(cx, s.value, depth + 1);
    if (s._type === "With" || s._type === "AsyncWith") {
      const item = s.items.find((i) => i.optional_vars?._type === "Name" && i.optional_vars.id === e.id);
      return item !== undefined && isRuntimeValue(cx, item.context_expr, depth + 1);
    }
    return false;
  });
}

const MODULE_STR_DUNDERS = new Set(["__doc__", "__name__", "__file__", "__package__", "__qualname__", "__cached__"]);

/** `sys.stdout`, `sys.stderr`, `sys.stdin`: assignable, so their methods may be a program's. */
function isProgramStream(cx: LowerContext, e: py.Expr): boolean {
  if (e._type !== "Attribute" || !["stdout", "stderr", "stdin"].includes(e.attr) || e.value._type !== "Name") return false;
  const known = cx.knownBinding(e.value.id);
  return known?.k === "module" && known.module === "sys";
}

/** `counts` of `counts = collections.Counter(...)`: the module path of the runtime class that made it (`collections.Counter`). */
export function runtimeClassPath(cx: LowerContext, e: py.Expr): string | null {
  if (e._type === "Name") {
    const bindings = cx.resolve(e.id)?.bindings.get(e.id);
    const s = bindings?.length === 1 ? bindings[0]!.stmt : undefined;
    return s?._type === "Assign" && bindings![0]!.kind === "assign" && s.targets.length === 1 ? runtimeClassPath(cx, s.value) : null;
  }
  if (e._type !== "Call" || e.func._type !== "Attribute" || !isModuleExpr(cx, e.func.value) || !constructs(cx, e.func)) return null;
  const parts: string[] = [];
  let f: py.Expr = e.func;
  while (f._type === "Attribute") {
    parts.unshift(f.attr);
    f = f.value;
  }
  const known = f._type === "Name" ? cx.knownBinding(f.id) : undefined;
  return known?.k === "module" ? [known.module, ...parts].join(".") : null;
}

/** `collections.deque`, `datetime.date`: a class of a provided module, named through the module. */
export function isRuntimeClassExpr(cx: LowerContext, e: py.Expr): boolean {
  if (e._type !== "Attribute" || !isModuleExpr(cx, e) || isSubmodule(cx, e)) return false;
  const parts: string[] = [];
  let root: py.Expr = e;
  while (root._type === "Attribute") {
    parts.unshift(root.attr);
    root = root.value;
  }
  const known = root._type === "Name" ? cx.knownBinding(root.id) : null;
  return known?.k === "module" && RUNTIME_CLASS_PATHS.has([known.module, ...parts].join("."));
}
