#!/usr/bin/env python3
"""Writes docs/issue-11-audit.md: for each module of issue 11 and each item its text names, the
fixtures (with CPython's `.out`) that import the module and use the item, and the count of
programs per module. A fixture "uses" an item when its source matches the item's pattern; the
table names the first few such fixtures, `t11_` tutorial programs first.

Usage: python3 scripts/audit-issue-11.py   (from the repository root)
"""
import ast
import os
import re
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def w(*names):
    """Items matched by their own name as a word (`name` after a dot or as a bare name)."""
    return [(n, r"\b" + re.escape(n) + r"\b") for n in names]

# module -> [(item, pattern)], in the order the issue names them.
ITEMS = {
    "re": [
        ("(?P<n>...)", r"\(\?P<"), ("(?P=n)", r"\(\?P="), (r"\g<n>", r"\\g<"),
        ("(?i)", r"\(\?[a-z]*i[a-z]*\)"), ("(?x) verbose", r"\(\?[a-z]*x[a-z]*\)|re\.X\b|re\.VERBOSE"),
        ("(?s)", r"\(\?[a-z]*s[a-z]*\)"), ("(?m)", r"\(\?[a-z]*m[a-z]*\)"), ("scoped (?i:...)", r"\(\?[a-z-]+:"),
        (r"\A", r"\\A"), (r"\Z", r"\\Z"), (r"\b", r"\\b"), ("lookbehind (?<=, (?<!)", r"\(\?<[=!]"),
        ("conditional (?(1)...)", r"\(\?\("), ("possessive/atomic", r"\(\?>|[*+?}]\+"),
    ] + w("compile", "match", "fullmatch", "search", "findall", "finditer", "split", "sub", "subn", "escape", "purge")
      + [("flags (re.I/IGNORECASE, M, S, X, A)", r"re\.(I|IGNORECASE|M|MULTILINE|S|DOTALL|X|VERBOSE|A|ASCII)\b")]
      + w("group", "groups", "groupdict", "span", "start", "end", "expand", "lastindex", "lastgroup", "pos", "endpos")
      + [("Match.re", r"\.re\b"), ("Match.string", r"\.string\b"), ("Match[]", r"\b(m|match|mo)\[[0-9'\"]"),
         ("Pattern.pattern/flags/groups/groupindex", r"\.(pattern|groupindex)\b"), ("re.error with position", r"re\.error|\.pos\b.*\.msg|\.colno")],
    "string": w("ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits", "octdigits", "punctuation", "printable", "whitespace", "Template")
      + [("Template subclass delimiter/idpattern", r"\b(delimiter|idpattern)\s*=")] + w("safe_substitute", "Formatter", "capwords"),
    "textwrap": w("wrap", "fill", "shorten", "dedent", "indent", "TextWrapper"),
    "pprint": w("pprint", "pformat", "PrettyPrinter", "pp", "isreadable", "isrecursive", "saferepr")
      + [("width=", r"width\s*="), ("depth=", r"depth\s*="), ("compact=", r"compact\s*="), ("sort_dicts=", r"sort_dicts\s*=")],
    "operator": w("itemgetter", "attrgetter", "methodcaller", "add", "mul", "truediv", "neg", "not_", "contains", "getitem", "setitem", "delitem", "concat", "iadd", "index", "length_hint", "call", "is_", "lt", "xor", "matmul"),
    "copy": w("copy", "deepcopy", "__copy__", "__deepcopy__", "__reduce_ex__", "memo", "Error")
      + [("cycles", r"\.append\((\w+)\)|(\w+)\[.+\]\s*=\s*\2")],
    "abc": w("ABC", "ABCMeta", "abstractmethod", "register", "__subclasshook__", "abstractproperty", "abstractclassmethod", "abstractstaticmethod", "get_cache_token", "update_abstractmethods")
      + [("abstract property", r"@property\s*\n\s*@abstractmethod|@abstractmethod\s*\n\s*@property|@property\s*\n\s*@abc\.abstractmethod"),
         ("abstract classmethod/staticmethod", r"@(classmethod|staticmethod)\s*\n\s*@(abc\.)?abstractmethod"),
         ("instantiation TypeError", r"Can't instantiate|TypeError")],
    "collections.abc": w("Iterable", "Iterator", "Sequence", "MutableSequence", "Mapping", "MutableMapping", "Set", "MutableSet", "Hashable", "Sized", "Container", "Callable", "Generator", "Reversible", "Collection", "Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator", "ByteString", "MappingView", "KeysView", "ItemsView", "ValuesView"),
    "heapq": w("heappush", "heappop", "heapify", "heapreplace", "heappushpop", "nlargest", "nsmallest", "merge"),
    "bisect": w("bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right") + [("key=", r"(bisect\w*|insort\w*)\(.*key\s*=")],
    "statistics": w("mean", "fmean", "geometric_mean", "harmonic_mean", "median", "median_low", "median_high", "median_grouped", "mode", "multimode", "quantiles", "pstdev", "pvariance", "stdev", "variance", "covariance", "correlation", "linear_regression", "NormalDist", "StatisticsError"),
    "fractions": w("Fraction", "limit_denominator", "from_float", "from_decimal", "as_integer_ratio", "numerator", "denominator"),
    "decimal": w("getcontext", "setcontext", "localcontext", "Context", "prec", "quantize", "traps", "flags",
                 "ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN", "ROUND_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_05UP",
                 "InvalidOperation", "DivisionByZero", "Inexact", "Rounded", "Overflow", "Underflow", "FloatOperation", "Clamped", "Subnormal",
                 "BasicContext", "ExtendedContext", "DefaultContext", "sqrt", "to_integral_value", "normalize", "as_tuple", "is_nan", "compare", "fma", "ln", "log10", "exp")
      + [("formatting (format spec)", r"f\"[^\"]*\{[^}]*:[^}]*\}|format\(\w+, ")],
    "numbers": w("Number", "Complex", "Real", "Rational", "Integral", "register"),
    "struct": w("pack", "unpack", "calcsize", "Struct", "iter_unpack", "pack_into", "unpack_from", "error"),
    "array": w("array", "typecodes", "typecode", "itemsize", "frombytes", "tobytes", "tolist", "fromlist", "byteswap", "buffer_info", "extend", "count"),
    "weakref": w("ref", "proxy", "WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "finalize", "WeakMethod", "getweakrefcount", "getweakrefs", "ReferenceError", "ProxyType", "ReferenceType")
      + [("collection when the last reference goes", r"\bdel \w+")],
    "traceback": w("print_exc", "format_exc", "format_exception", "format_exception_only", "extract_tb", "extract_stack", "StackSummary", "FrameSummary", "TracebackException", "print_stack", "format_stack", "print_exception", "format_tb", "walk_tb"),
    "io": w("StringIO", "BytesIO", "TextIOWrapper", "getvalue", "seek", "readline", "UnsupportedOperation"),
    "unittest": w("TestCase", "setUp", "tearDown", "setUpClass", "skip", "skipIf", "skipUnless", "expectedFailure", "subTest", "mock", "main",
                  "assertEqual", "assertTrue", "assertRaises", "assertIn", "assertAlmostEqual", "assertIsNone", "assertRaisesRegex", "assertCountEqual", "assertDictEqual", "assertListEqual", "TestSuite", "TextTestRunner", "addCleanup"),
    "doctest": w("testmod", "testfile", "run_docstring_examples", "DocTestSuite", "ELLIPSIS", "NORMALIZE_WHITESPACE", "Failed example"),
    "xml.etree.ElementTree": w("parse", "fromstring", "tostring", "Element", "SubElement", "ElementTree", "find", "findall", "findtext", "iterfind", "iter", "itertext", "write", "indent", "XMLParser", "iterparse")
      + [("XPath predicates ([@a], [tag], [n], ..)", r"\[@\w|\.\.|\[\d+\]|\[\w+='")],
    "html": w("escape", "unescape") + [("html.parser.HTMLParser", r"HTMLParser")],
    "inspect": w("signature", "getmembers", "isfunction", "isclass", "ismethod", "ismodule", "iscoroutinefunction", "isgeneratorfunction", "isgenerator", "isbuiltin", "isabstract", "getsource", "getdoc", "getfile", "Parameter", "Signature", "bind", "getmro", "cleandoc", "currentframe", "stack", "getattr_static", "unwrap", "getfullargspec"),
    "types": w("SimpleNamespace", "MappingProxyType", "FunctionType", "MethodType", "LambdaType", "GeneratorType", "CoroutineType", "ModuleType", "BuiltinFunctionType", "NoneType", "new_class", "GenericAlias", "UnionType", "TracebackType", "FrameType", "CodeType", "DynamicClassAttribute", "coroutine", "prepare_class", "resolve_bases"),
    "gc": w("collect", "enable", "disable", "isenabled", "get_count", "get_threshold", "set_threshold", "get_objects", "is_tracked", "get_referrers", "get_referents", "garbage", "callbacks", "freeze", "get_stats"),
    "warnings": w("warn", "warn_explicit", "simplefilter", "filterwarnings", "catch_warnings", "resetwarnings", "showwarning", "formatwarning", "filters"),
    "atexit": w("register", "unregister") + [("runs at exit in LIFO order", r"atexit\.register")],
    "uuid": w("uuid1", "uuid3", "uuid4", "uuid5", "UUID", "NAMESPACE_DNS", "NAMESPACE_URL", "hex", "int", "bytes", "urn", "version", "variant", "getnode", "SafeUUID"),
    "hashlib": w("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b", "blake2s", "shake_128", "new", "pbkdf2_hmac", "scrypt", "file_digest", "algorithms_guaranteed", "hexdigest", "digest_size", "copy"),
    "base64": w("b64encode", "b64decode", "urlsafe_b64encode", "urlsafe_b64decode", "standard_b64encode", "b32encode", "b32decode", "b32hexencode", "b16encode", "b16decode", "a85encode", "a85decode", "b85encode", "b85decode", "encodebytes", "decodebytes"),
    "binascii": w("hexlify", "unhexlify", "b2a_hex", "a2b_hex", "b2a_base64", "a2b_base64", "crc32", "crc_hqx", "Error", "Incomplete"),
    "zlib": w("compress", "decompress", "crc32", "adler32", "compressobj", "decompressobj", "error", "MAX_WBITS", "Z_BEST_COMPRESSION", "flush"),
    "unicodedata": w("name", "lookup", "category", "normalize", "is_normalized", "numeric", "decimal", "digit", "east_asian_width", "combining", "bidirectional", "mirrored", "decomposition", "unidata_version", "ucd_3_2_0"),
    "locale": w("setlocale", "getlocale", "localeconv", "format_string", "currency", "str", "atof", "atoi", "strcoll", "strxfrm", "getpreferredencoding", "LC_ALL", "nl_langinfo", "normalize", "Error"),
    "calendar": w("month", "monthrange", "isleap", "leapdays", "weekday", "monthcalendar", "prmonth", "calendar", "TextCalendar", "HTMLCalendar", "Calendar", "day_name", "month_name", "day_abbr", "month_abbr", "setfirstweekday", "timegm", "itermonthdates", "MONDAY", "IllegalMonthError"),
    "timeit": w("timeit", "repeat", "Timer", "default_timer", "autorange", "print_exc"),
    "datetime": w("date", "time", "datetime", "timedelta", "timezone", "tzinfo", "strptime", "strftime", "isocalendar", "isoformat", "fromisoformat", "astimezone", "utcoffset", "replace", "combine", "fromtimestamp", "timestamp", "isoweekday", "toordinal", "fromordinal", "min", "max", "resolution", "utc")
      + [("%" + c, r"%" + ("%%" if c == "%" else "-?" + c) + r"(?![a-zA-Z0-9])|%" + c) for c in "aAwdbBmyYHIpMSfzZjUWcxXGuV%"],
    "time": w("strptime", "strftime", "struct_time", "gmtime", "localtime", "mktime", "ctime", "asctime", "get_clock_info", "monotonic", "perf_counter", "process_time", "time_ns", "sleep", "timezone", "tzname"),
    "math": w("gamma", "lgamma", "erf", "erfc", "isqrt", "comb", "perm", "prod", "dist", "fsum", "nextafter", "ulp", "sqrt", "cbrt", "exp2", "exp", "expm1", "log", "log2", "log10", "log1p", "pow",
              "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "hypot", "degrees", "radians",
              "ceil", "floor", "trunc", "fabs", "copysign", "fmod", "remainder", "modf", "frexp", "ldexp", "factorial", "gcd", "lcm", "isclose", "isfinite", "isinf", "isnan", "pi", "e", "tau", "inf", "nan"),
    "json": w("dumps", "loads", "dump", "load", "JSONEncoder", "JSONDecoder", "JSONDecodeError", "default", "object_hook", "object_pairs_hook", "cls", "indent", "separators", "sort_keys", "ensure_ascii", "parse_float", "allow_nan", "iterencode", "raw_decode", "lineno", "colno"),
    "functools": w("singledispatch", "singledispatchmethod", "cached_property", "total_ordering", "wraps", "__wrapped__", "cache", "lru_cache", "cache_info", "cache_clear", "cmp_to_key", "reduce", "partial", "partialmethod", "update_wrapper"),
    "contextlib": w("ExitStack", "AsyncExitStack", "contextmanager", "asynccontextmanager", "ContextDecorator", "suppress", "redirect_stdout", "redirect_stderr", "closing", "aclosing", "nullcontext", "chdir", "AbstractContextManager", "enter_context", "callback", "pop_all")
      + [("@contextmanager used as a decorator", r"@\w+\(\)\s*\n\s*def ")],
    "collections": w("Counter", "most_common", "elements", "subtract", "total", "OrderedDict", "move_to_end", "popitem", "namedtuple", "rename", "defaults", "_fields", "_field_defaults", "_make", "_replace", "_asdict", "ChainMap", "new_child", "parents", "maps", "UserDict", "UserList", "UserString", "deque", "maxlen", "rotate", "appendleft", "defaultdict", "default_factory")
      + [("Counter arithmetic (+ - & |)", r"\b\w+\s*[-+&|]\s*Counter\(|Counter\([^)]*\)\s*[-+&|]")],
    "enum": w("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "auto", "unique", "_missing_", "_generate_next_value_", "__members__", "verify", "member", "nonmember", "global_enum", "EnumCheck", "FlagBoundary", "property")
      + [("membership `x in Color`", r"\bin\s+[A-Z]\w+\s*[:)\n,]"), ("iteration", r"for \w+ in [A-Z]\w+\s*:|list\([A-Z]\w+\)"), ("functional API", r"=\s*(enum\.)?(Enum|IntEnum|Flag|StrEnum|IntFlag)\(\s*['\"]"),
         ("tuple values into __init__", r"def __init__\(self, \w+, \w+")],
    "dataclasses": w("dataclass", "field", "default_factory", "frozen", "FrozenInstanceError", "order", "__post_init__", "InitVar", "KW_ONLY", "kw_only", "asdict", "astuple", "replace", "fields", "slots", "make_dataclass", "is_dataclass", "MISSING", "unsafe_hash", "eq"),
    "itertools": w("accumulate", "chain", "from_iterable", "combinations", "combinations_with_replacement", "compress", "count", "cycle", "dropwhile", "filterfalse", "groupby", "islice", "pairwise", "permutations", "product", "repeat", "starmap", "takewhile", "tee", "zip_longest"),
    "random": w("seed", "random", "randint", "randrange", "choice", "choices", "shuffle", "sample", "uniform", "triangular", "gauss", "normalvariate", "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate", "betavariate", "paretovariate", "weibullvariate", "getrandbits", "randbytes", "getstate", "setstate", "Random", "SystemRandom", "binomialvariate"),
}

# Written by hand: what the audit found beyond the table (kept when the table is regenerated).
NOTES = """## How to read the table

A proof here is a fixture whose source names the item and whose `.out` is CPython's: the match
is by word, so a common name (`e`, `min`, `pos`, `count`) may be matched by another use of the
same word; the syntax items of `re` and the format codes of `datetime` match their patterns.
Every module also has `t11_star_every_module.py` (its `from M import *`, checked against
python3) and is named in the README.

## Found and fixed while auditing (each with its `t11_` fixture)

- `from io import *` lacked `DEFAULT_BUFFER_SIZE`, `text_encoding`, `IncrementalNewlineDecoder`, and
  `from enum import *` the `pickle_by_*` helpers: the star tables came from `/usr/bin/python3`
  (3.11.2), whose `__all__`s are older than those of the python3 the fixtures take their `.out`
  from (3.11.7); `scripts/gen-star-names.mjs` now asks the latter (`t11_star_every_module`).
- `type()` of a `weakref.proxy` was the referent's class; `isinstance(p, weakref.ProxyTypes)`
  was false; a callable proxy's attributes named like a JS function's (`name`, `length`) were
  not found (`t11_weakref_proxy_types`).
- `contextlib.AbstractContextManager`/`AbstractAsyncContextManager` were plain classes:
  `isinstance(x, AbstractContextManager)` for any class with `__enter__`/`__exit__`, and the
  abstract `__exit__`'s TypeError now as CPython (`t11_contextlib_abstract`).
- A decorated def's hints were set on the decorator's result, not on the function, and
  `functools.update_wrapper` did not copy `__annotations__`: `inspect.signature` of a
  `@wraps` wrapper lacked the hints (`t11_inspect_unwrap`).
- `types.prepare_class`/`new_class` ignored the bases' metaclass and passed no keywords to
  `__prepare__` or the metaclass (`t11_types_prepare_class`).
- `locale.getencoding()` was `utf-8` and `getpreferredencoding(False)` ignored `setlocale`
  (`t11_locale_encoding`).
- `html.entities` was missing (`import html` brings it in CPython) (`t11_html_entities`).

## Known differences left

- `from uuid import *`: uuid has no `__all__`, so CPython's star import also binds what its
  implementation imports (`Enum`, `bytes_`, `int_`, `os`, `platform`, `sys`); pyts's uuid has
  its documented names only (hence uuid is left out of `t11_star_every_module`).
- weakref: objects are collected at `gc.collect()` (not at the `del` of the last reference),
  and a temporary the running frame still holds (`f.peek()` read just before) can keep an
  object alive across that collection (README, weakref).
- The other generators under `scripts/` still read `/usr/bin/python3` (3.11.2) when it exists,
  while the fixtures' `.out` come from `python3` (3.11.7 here); names added between the two
  patch releases (tarfile's extraction filters) are only right in the star tables.
- `atexit._ncallbacks()` (private) counts CPython's own registrations too; not modelled.
"""


def imports_of(tree):
    """The modules a program imports (`import a.b`, `from a.b import c` as a.b and a.b.c)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names.add(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            for alias in node.names:
                names.add(node.module + "." + alias.name)
    return names

def programs():
    """(path, source, imports) of every fixture program with CPython's output beside it."""
    found = []
    fixtures = os.path.join(ROOT, "fixtures")
    for folder, dirs, files in os.walk(fixtures):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            out = path[:-3] + ".out"
            # (a program of several modules keeps its .out beside its folder's main.py)
            if not os.path.exists(out) and not os.path.exists(os.path.join(folder, "main.out")) and not os.path.exists(folder + ".out"):
                continue
            try:
                source = open(path, encoding="utf-8").read()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tree = ast.parse(source)
            except (SyntaxError, UnicodeDecodeError):
                continue
            found.append((os.path.relpath(path, ROOT), source, imports_of(tree)))
    return found

def main():
    progs = programs()
    lines = ["# Issue 11 audit: modules, items, proving fixtures", "",
             "Generated by `python3 scripts/audit-issue-11.py`. A program proves an item when it imports the",
             "module and its source uses the item (a name as a word, or the pattern of a syntax feature), and",
             "its `.out` comes from CPython (`node scripts/update-fixtures.mjs --oracle`). Up to three proving",
             "fixtures are named per item, the `t11_` tutorial programs first. \"missing\" means no fixture",
             "uses the item.", ""]
    summary = ["| module | programs | t11_ programs | items | proven | missing |", "|---|---|---|---|---|---|"]
    body = []
    total_missing = []
    for module, items in ITEMS.items():
        # (a package's submodules count for it: `from html.parser import HTMLParser` uses html)
        users = [(p, s) for p, s, imps in progs if module in imps or any(i.startswith(module + ".") for i in imps)]
        users.sort(key=lambda ps: (0 if "/t11_" in ps[0] else 1, ps[0]))
        t11 = sum(1 for p, _ in users if "/t11_" in p)
        body += [f"## `{module}` ({len(users)} programs, {t11} `t11_`)", "", "| item | proving fixtures |", "|---|---|"]
        missing = []
        for item, pattern in items:
            rx = re.compile(pattern)
            proof = [p for p, s in users if rx.search(s)]
            shown = ", ".join(f"`{p.removeprefix('fixtures/')}`" for p in proof[:3]) + (f" (+{len(proof) - 3})" if len(proof) > 3 else "")
            if not proof:
                missing.append(item)
                shown = "missing"
            body.append(f"| `{item}` | {shown} |".replace("|`|", "|`\\|`"))
        body.append("")
        total_missing += [f"{module}: {m}" for m in missing]
        summary.append(f"| `{module}` | {len(users)} | {t11} | {len(items)} | {len(items) - len(missing)} | {', '.join('`' + m + '`' for m in missing) or '-'} |")
    t11 = sum(1 for p, _, _ in progs if "/t11_" in p)
    lines += ["## Summary", ""] + summary + ["", f"Fixture programs in all: {len(progs)} ({t11} of them `t11_` tutorial programs); items missing: {len(total_missing)}.", "", NOTES] + body
    with open(os.path.join(ROOT, "docs", "issue-11-audit.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("\n".join(summary))
    print(len(total_missing), "missing")

if __name__ == "__main__":
    main()
