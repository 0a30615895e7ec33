// What the lowering knows about the runtime: which builtins, modules and methods exist.

/** Python builtins the runtime exports under their own names. */
export const BUILTIN_FUNCTIONS = new Set([
  "exit", "quit",
  "print", "len", "range", "str", "repr", "ascii", "int", "float", "bool", "list", "dict", "set",
  "frozenset", "complex", "tuple", "bytes", "bytearray", "memoryview", "abs", "min", "max", "sum", "sorted", "reversed", "enumerate",
  "zip", "map", "filter", "any", "all", "round", "divmod", "pow", "chr", "ord", "hex", "bin",
  "oct", "isinstance", "issubclass", "hasattr", "getattr", "setattr", "delattr", "id", "hash",
  "iter", "next", "aiter", "anext", "callable", "type", "input", "format", "object", "slice",
  "vars", "dir", "open", "super", "property", "classmethod", "staticmethod", "NotImplemented", "Ellipsis", "__name__",
  "eval", "exec", "compile", "__import__",
  "breakpoint", "help", "copyright", "credits", "license", "__build_class__",
]);

/** Builtins that are objects with `__call__` (`help`, `copyright`): called through callValue. */
export const CALLABLE_OBJECT_BUILTINS = new Set(["help", "copyright", "credits", "license"]);

/** Built-in exception classes: calling one constructs it with `new`. */
/** Builtins of CPython that pyts does not provide: naming one is a located compile-time error. */
export const MISSING_BUILTINS = new Set<string>([]);

export const BUILTIN_EXCEPTIONS = new Set([
  "BaseException", "Exception", "SystemExit", "KeyboardInterrupt", "GeneratorExit",
  "StopIteration", "StopAsyncIteration", "ArithmeticError", "ZeroDivisionError",
  "OverflowError", "FloatingPointError", "AssertionError", "AttributeError", "BufferError",
  "EOFError", "ImportError", "ModuleNotFoundError", "LookupError", "IndexError", "KeyError",
  "MemoryError", "NameError", "UnboundLocalError", "OSError", "IOError", "EnvironmentError", "BlockingIOError",
  "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
  "ConnectionRefusedError", "ConnectionResetError", "FileExistsError", "FileNotFoundError",
  "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
  "ProcessLookupError", "TimeoutError", "ReferenceError", "RuntimeError",
  "NotImplementedError", "RecursionError", "SyntaxError", "IndentationError", "TabError",
  "SystemError", "TypeError", "ValueError", "UnicodeError", "UnicodeDecodeError",
  "UnicodeEncodeError", "Warning", "UserWarning", "DeprecationWarning",
  "PendingDeprecationWarning", "RuntimeWarning", "SyntaxWarning", "FutureWarning",
  "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning", "ExceptionGroup",
  "BaseExceptionGroup", "UnicodeTranslateError", "EncodingWarning",
]);

/** Modules the runtime provides, by the name `import` binds. */
export const RUNTIME_MODULES = new Set([
  "asyncio", "time", "datetime", "sys", "builtins", "urllib", "aiohttp", "types", "random", "functools",
  "itertools", "collections", "math", "cmath", "logging", "dataclasses", "contextlib", "typing", "json", "enum",
  "string", "bisect", "heapq", "abc", "importlib", "re", "textwrap", "pprint", "operator", "copy",
  "binascii", "base64", "hashlib", "struct", "fractions", "statistics", "uuid", "calendar", "html",
  "os", "fnmatch", "glob", "shutil", "tempfile", "io", "pathlib", "csv", "fileinput", "configparser",
  "decimal", "threading", "queue", "concurrent",
  "argparse", "shlex", "getopt", "platform", "getpass", "secrets", "subprocess", "signal",
  "traceback", "warnings", "atexit", "gc", "timeit", "numbers", "array", "unicodedata", "zlib", "codecs", "zipfile", "tarfile", "gzip", "locale", "weakref", "inspect", "xml", "difflib", "unittest", "doctest",
  "socket", "select", "selectors", "http", "hmac", "ast", "__future__", "errno", "stat",
]);

/** Submodules reachable as attributes (`import urllib.request`). */
export const RUNTIME_SUBMODULES = new Set(["collections.abc", "urllib.request", "urllib.error", "urllib.parse", "urllib.response", "http.cookiejar", "os.path", "asyncio.subprocess", "asyncio.streams", "asyncio.transports", "asyncio.protocols", "concurrent.futures", "logging.config", "logging.handlers", "xml.etree", "xml.etree.ElementTree", "xml.dom", "xml.dom.minidom", "http.client", "http.server", "unittest.mock", "aiohttp.web", "html.parser", "html.entities"]);

/**
 * Method names of str, list, dict, set, tuple and bytes. A call `x.name(...)` on a receiver
 * of unknown type goes through `callMethod`, which dispatches on the value at run time.
 */
export const BUILTIN_METHOD_NAMES = new Set([
  // str
  "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find",
  "format", "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit",
  "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join",
  "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind",
  "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith",
  "strip", "swapcase", "title", "translate", "upper", "zfill", "maketrans",
  // list
  "append", "extend", "insert", "pop", "remove", "reverse", "sort", "copy", "clear",
  // dict
  "keys", "values", "items", "get", "setdefault", "update", "popitem", "fromkeys",
  // set
  "add", "discard", "union", "intersection", "difference", "symmetric_difference", "issubset",
  "issuperset", "isdisjoint", "intersection_update", "difference_update", "update",
  "symmetric_difference_update",
  // bytes
  "decode", "hex",
  // int and float
  "is_integer", "bit_length", "bit_count", "as_integer_ratio", "conjugate", "to_bytes", "from_bytes",
  "fromhex",
]);

const OPERATORS = ["add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow", "lshift", "rshift", "and", "xor", "or"];

/** Special methods (CPython's type slots and protocol methods): a read of one is a method read. */
export const METHOD_DUNDERS: ReadonlySet<string> = new Set([
  ...OPERATORS.flatMap((op) => [`__${op}__`, `__r${op}__`, `__i${op}__`]),
  ...["init", "new", "del", "repr", "str", "bytes", "format", "lt", "le", "eq", "ne", "gt", "ge", "hash", "bool"],
  ...["getattr", "getattribute", "setattr", "delattr", "dir", "get", "set", "delete", "set_name", "call"],
  ...["len", "length_hint", "getitem", "setitem", "delitem", "missing", "iter", "next", "reversed", "contains"],
  ...["neg", "pos", "abs", "invert", "complex", "int", "float", "index", "round", "trunc", "floor", "ceil"],
  ...["enter", "exit", "await", "aiter", "anext", "aenter", "aexit", "copy", "deepcopy", "reduce", "reduce_ex"],
  ...["getstate", "setstate", "sizeof", "fspath", "getnewargs", "instancecheck", "subclasscheck"],
].map((name) => (name.startsWith("__") ? name : `__${name}__`)));

/** Data attributes of int, float and complex: read with `getattr` (a bigint has no `.real`). */
export const NUMBER_ATTRIBUTES = new Set(["real", "imag", "numerator", "denominator"]);

/**
 * Methods of runtime objects (event loops, futures, queues, locks, responses, files) that
 * programs pass around as callbacks (`loop.call_soon(fut.set_result, 1)`): read without a
 * call, they are looked up with `getattr`, which binds them as Python's bound methods.
 */
export const RUNTIME_METHOD_NAMES = new Set([
  "call_soon", "call_later", "call_at", "call_soon_threadsafe", "stop", "close", "run_forever",
  "run_until_complete", "create_task", "create_future", "time", "is_running", "is_closed",
  "set_result", "set_exception", "result", "exception", "done", "cancelled", "cancel",
  "add_done_callback", "remove_done_callback", "get_name", "set_name", "get_coro", "get_loop",
  "put", "get", "put_nowait", "get_nowait", "task_done", "join", "qsize", "empty", "full",
  "acquire", "release", "locked", "wait", "set", "is_set", "clear", "notify", "notify_all",
  "wait_for", "read", "text", "json", "write", "flush", "readline", "send", "throw",
  "__next__", "__anext__", "asend", "athrow", "aclose",
  "serve_forever", "shutdown", "handle_request", "server_close", "accept", "recv", "sendall",
]);
