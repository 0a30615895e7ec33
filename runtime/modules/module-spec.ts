// What CPython's import system leaves on a module it loaded from a .py file: `__loader__` (a
// SourceFileLoader), `__spec__` (a ModuleSpec; None for the script run as `__main__`),
// `__cached__` (the .pyc path CPython would use; None for `__main__`) and `__builtins__` (the
// builtins module in `__main__`, its namespace dict elsewhere).
// The builtins from the runtime's always-loaded parts only (values/ and lang/): the library
// modules must stay droppable.
import { setFrameBuiltins } from "../core/body-frame.js";
import { getattrImpl } from "../values/attributes.js";
import {
  abs, all, any, ascii, bin, callable, chr, delattr, divmod, format, getattr, hasattr, hash, hex, id, input,
  isinstance, issubclass, iter, len, max, min, next, oct, ord, pow, print, repr, round, setattr, sorted, sum,
  vars, Ellipsis, NotImplemented, bool, bytearray, bytes, complex, dict, enumerate, filter, float, frozenset,
  int, list, map, object, range, reversed, set, slice, str, tuple, type, zip, BaseException, Exception,
  ArithmeticError, AssertionError, AttributeError, EOFError, ImportError, ModuleNotFoundError, LookupError,
  IndexError, KeyError, MemoryError, NameError, UnboundLocalError, OSError, FileNotFoundError,
  NotImplementedError, OverflowError, RecursionError, RuntimeError, StopIteration, StopAsyncIteration,
  SystemExit, KeyboardInterrupt, TimeoutError, TypeError, ValueError, ZeroDivisionError, UnicodeError,
  UnicodeDecodeError, UnicodeEncodeError, Warning, UserWarning, DeprecationWarning, RuntimeWarning,
  GeneratorExit, memoryview, BlockingIOError, BrokenPipeError, BufferError, BytesWarning, ChildProcessError,
  ConnectionAbortedError, ConnectionError, ConnectionRefusedError, ConnectionResetError, FileExistsError,
  FloatingPointError, FutureWarning, ImportWarning, IndentationError, InterruptedError, IsADirectoryError,
  NotADirectoryError, PendingDeprecationWarning, PermissionError, ProcessLookupError, ReferenceError,
  ResourceWarning, SyntaxError, SyntaxWarning, SystemError, TabError, UnicodeWarning, exit, quit,
  UnicodeTranslateError, EncodingWarning,
} from "../values/index.js";
import { __build_class__, breakpoint, copyright, credits, globals, help, license, locals } from "./site-builtins.js";
import { __import__ } from "./dunder-import.js";
import { setBuiltinScope, setBuiltinScopeMaker } from "../lang/builtin-scope.js";
import {
  aiter, anext, dir, open, eval as evalBuiltin, exec, compile, classmethod, property, staticmethod,
  ExceptionGroup, BaseExceptionGroup, superType,
} from "../lang/index.js";
import { Dict } from "../values/dict.js";
import { moduleObject, PyModule } from "./module-object.js";
import { registerBuiltinFunctions } from "../values/keyword-binding.js";

export class SourceFileLoader {
  static readonly pythonName = "SourceFileLoader";
  static readonly __module__ = "_frozen_importlib_external";

  constructor(
    readonly name: string,
    readonly path: string,
  ) {}
}

export class ModuleSpec {
  static readonly pythonName = "ModuleSpec";
  static readonly __module__ = "_frozen_importlib";
  readonly has_location = true;

  constructor(
    readonly name: string,
    readonly loader: SourceFileLoader,
    readonly origin: string,
    readonly submodule_search_locations: string[] | null,
    readonly cached: string,
  ) {}

  /** The package the module belongs to (itself for a package). */
  get parent(): string {
    return this.submodule_search_locations !== null ? this.name : this.name.slice(0, Math.max(0, this.name.lastIndexOf(".")));
  }

  __repr__(): string {
    const locations = this.submodule_search_locations !== null ? `, submodule_search_locations=${repr(this.submodule_search_locations)}` : "";
    return `ModuleSpec(name=${repr(this.name)}, loader=${repr(this.loader)}, origin=${repr(this.origin)}${locations})`;
  }
}

/** `dir/__pycache__/stem.cpython-311.pyc` for `dir/stem.py`, as CPython 3.11 names it. */
export function cachedPath(file: string): string {
  const slash = file.lastIndexOf("/");
  return `${file.slice(0, slash + 1)}__pycache__/${file.slice(slash + 1).replace(/\.py$/, "")}.cpython-311.pyc`;
}

/**
 * The builtins module's names the runtime has (exported under their Python names), with their
 * values, in the module's order. Named imports read on first need, where namespace imports of
 * values/ and lang/ would make two namespace objects of ~500 getters as the runtime loads.
 */
function builtinValues(): Record<string, unknown> {
  return {
    abs, aiter, all, anext, any, ascii, bin, callable, chr, delattr, dir, divmod, format, getattr, hasattr,
    hash, hex, id, input, isinstance, issubclass, iter, len, max, min, next, oct, ord, pow, print, repr,
    round, setattr, sorted, sum, vars, open, Ellipsis, NotImplemented, eval: evalBuiltin, exec, compile,
    bool, bytearray, bytes, classmethod, complex, dict, enumerate, filter, float, frozenset, property, int,
    list, map, object, range, reversed, set, slice, staticmethod, str, tuple, type, zip, BaseException,
    Exception, ArithmeticError, AssertionError, AttributeError, EOFError, ImportError, ModuleNotFoundError,
    LookupError, IndexError, KeyError, MemoryError, NameError, UnboundLocalError, OSError, FileNotFoundError,
    NotImplementedError, OverflowError, RecursionError, RuntimeError, StopIteration, StopAsyncIteration,
    SystemExit, KeyboardInterrupt, TimeoutError, TypeError, ValueError, ZeroDivisionError, UnicodeError,
    UnicodeDecodeError, UnicodeEncodeError, Warning, UserWarning, DeprecationWarning, RuntimeWarning,
    GeneratorExit, ExceptionGroup, BaseExceptionGroup,
  };
}

/** The rest of CPython's builtins module the runtime has: more exceptions, `exit`, `__import__`. */
function moreBuiltinValues(): Record<string, unknown> {
  return {
    __import__, exit, quit, BlockingIOError, BrokenPipeError, BufferError, BytesWarning, ChildProcessError,
    ConnectionAbortedError, ConnectionError, ConnectionRefusedError, ConnectionResetError, EnvironmentError: OSError,
    FileExistsError, FloatingPointError, FutureWarning, IOError: OSError, ImportWarning, IndentationError,
    InterruptedError, IsADirectoryError, NotADirectoryError, PendingDeprecationWarning, PermissionError,
    ProcessLookupError, ReferenceError, ResourceWarning, SyntaxError, SyntaxWarning, SystemError, TabError,
    UnicodeWarning, memoryview, UnicodeTranslateError, EncodingWarning, super: superType,
    __build_class__, breakpoint, globals, locals, copyright, credits, license, help,
  };
}

const BUILTINS_DOC =
  "Built-in functions, types, exceptions, and other objects.\n\nThis module provides direct access to all 'built-in'\nidentifiers of Python; for example, builtins.len is\nthe full name for the built-in function len().\n\nThis module is not normally accessed explicitly by most\napplications, but can be useful in modules that provide\nobjects with the same name as a built-in value, but in\nwhich the built-in of that name is also needed.";

/** The importer CPython's built-in modules name as their `__loader__`. */
class BuiltinImporter {
  static readonly pythonName = "BuiltinImporter";
  static readonly __module__ = "_frozen_importlib";
}

// (`partial(pow, exp=2)(7)`: callValue binds a builtin's keywords by the builtin's name)
registerBuiltinFunctions(() => ({ ...builtinValues(), memoryview, __build_class__, breakpoint, globals, locals }));

let builtins: PyModule | null = null;
let builtinsDict: Dict | null = null;

/** The `builtins` module: `<module 'builtins' (built-in)>`, holding the builtins the runtime has. */
export function builtinsModule(): PyModule {
  if (builtins !== null) return builtins;
  // (made as the module `builtins` too: `import builtins` is this object, as `__builtins__` is)
  builtins = moduleObject("builtins", {});
  const values: [string, unknown][] = [
    ["__doc__", BUILTINS_DOC], ["__package__", ""], ["__loader__", BuiltinImporter],
    ["__spec__", new ModuleSpec("builtins", BuiltinImporter as never, "built-in", null, "")],
    ["__debug__", true], ["None", null], ["True", true], ["False", false],
    ...Object.entries(builtinValues()), ...Object.entries(moreBuiltinValues()),
  ];
  for (const [name, value] of values) Object.defineProperty(builtins, name, { value, writable: true, enumerable: true, configurable: true });
  setBuiltinScope(builtins);
  return builtins;
}

setBuiltinScopeMaker(builtinsModule);

/** Sets a name of the builtins module (and of its `__dict__`): `builtins._` after a displayed value. */
export function setBuiltin(name: string, value: unknown): void {
  Object.defineProperty(builtinsModule(), name, { value, writable: true, enumerable: true, configurable: true });
  builtinsDict?.set(name, value);
}

setFrameBuiltins(() => getattrImpl(builtinsModule(), "__dict__"));

/** `builtins.__dict__`: what a module other than `__main__` holds as `__builtins__`. */
export function builtinsNamespace(): Dict {
  if (builtinsDict !== null) return builtinsDict;
  const module = builtinsModule();
  builtinsDict = new Dict<unknown, unknown>();
  builtinsDict.set("__name__", "builtins");
  for (const key of Object.keys(module)) if (key !== "__name__") builtinsDict.set(key, (module as unknown as Record<string, unknown>)[key]);
  return builtinsDict;
}
