#!/usr/bin/env node
// Writes, from python3 and the built runtime (run after `npm run build`):
// - src/lower/runtime-method-names.ts: the attribute names that are methods of the classes the
//   provided modules define (and data attributes of none of them), so a read of one off a
//   runtime object without a call (`roll = r.randint`) is lowered to a bound-method read while
//   data reads (`server.sockets`, `q.maxsize`) stay plain member reads;
// - runtime/values/builtin-method-table.ts: for each runtime class whose CPython class has
//   methods implemented in C, the type's tp_name and those method names, so such a method read
//   off an instance is a `builtin_function_or_method` as in CPython (`d.move_to_end`), and a
//   method CPython defines in Python a bound method (`r.randint`).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtime = await import(pathToFileURL(path.join(root, "runtime/dist/index.js")).href);
const { RUNTIME_MODULES, RUNTIME_SUBMODULES } = await import(pathToFileURL(path.join(root, "dist/src/lower/builtins.js")).href);
const { objectKey } = await import(pathToFileURL(path.join(root, "runtime/dist/lang/attr-names.js")).href);

// (the python3 on PATH, the one fixtures take their `.out` from)
const python = process.env.PYTS_ORACLE_PYTHON ?? "python3";
const modules = [...RUNTIME_MODULES, ...RUNTIME_SUBMODULES].sort();
const code = `
import importlib, inspect, json, sys, types
C_KINDS = (types.BuiltinFunctionType, types.MethodDescriptorType, types.WrapperDescriptorType, types.ClassMethodDescriptorType)
out = {}
for name in json.loads(sys.argv[1]):
    try:
        m = importlib.import_module(name)
    except ImportError:
        continue
    for attr, cls in list(vars(m).items()):
        if not isinstance(cls, type):
            continue
        methods, c_methods, data = [], [], []
        for n in dir(cls):
            if not n.isidentifier() or (n.startswith("__") and n.endswith("__")):
                continue
            found = inspect.getattr_static(cls, n, None)
            if inspect.isroutine(found) or isinstance(found, (classmethod, staticmethod)):
                methods.append(n)
                if isinstance(found, C_KINDS):
                    c_methods.append(n)
            else:
                data.append(n)
        # A type made in C (static, or a heap type whose own methods are all C's) shows its
        # module in tp_name; a class statement's tp_name is its bare name.
        own = [v for v in vars(cls).values() if inspect.isroutine(v) or isinstance(v, (classmethod, staticmethod))]
        in_c = not (cls.__flags__ & (1 << 9)) or (own and all(isinstance(v, C_KINDS) for v in own))
        tp = cls.__module__ + "." + cls.__qualname__ if in_c and cls.__module__ != "builtins" else cls.__name__
        out[name + "." + attr] = {"tp": tp, "inC": bool(in_c), "methods": methods, "cMethods": c_methods, "data": data}
# Data attribute names besides the classes' own: module constants (\`math.pi\`), data of the
# built-in types and exceptions (\`slice.start\`, \`UnicodeError.end\`), and what the modules'
# Python sources store on instances (\`self.category = ...\`).
import builtins, re
data = set()
for name in json.loads(sys.argv[1]):
    m = sys.modules.get(name)
    if m is None:
        continue
    for n, v in vars(m).items():
        if not (inspect.isroutine(v) or isinstance(v, type) or inspect.ismodule(v)):
            data.add(n)
    try:
        source = inspect.getsource(m)
    except (OSError, TypeError):
        source = ""
    data.update(re.findall(r"\\bself\\.(\\w+)\\s*(?::[^=\\n]*)?=(?!=)", source))
    data.update(re.findall(r"\\bsetattr\\(self,\\s*[\\x27\\x22](\\w+)", source))
for cls in vars(builtins).values():
    if isinstance(cls, type):
        for n in dir(cls):
            if not (inspect.isroutine(inspect.getattr_static(cls, n, None))):
                data.add(n)
out["__data__"] = {"tp": "", "inC": False, "methods": [], "cMethods": [], "data": sorted(data)}
print(json.dumps(out))
`;
// aiohttp is no standard module: its classes come from a CPython that has aiohttp 3.14.3
// ($PYTS_AIOHTTP_PYTHON, else the venv scripts/update-fixtures.mjs describes).
const aiohttpPython = process.env.PYTS_AIOHTTP_PYTHON ?? "/tmp/aiovenv/bin/python";
const isAiohttp = (m) => m === "aiohttp" || m.startsWith("aiohttp.");
if (spawnSync(aiohttpPython, ["-c", "import aiohttp"]).status !== 0) throw new Error(`${aiohttpPython} cannot import aiohttp (see pythonFor in scripts/update-fixtures.mjs)`);
const classes = {};
const otherData = new Set();
for (const [interpreter, names] of [[python, modules.filter((m) => !isAiohttp(m))], [aiohttpPython, modules.filter(isAiohttp)]]) {
  const run = spawnSync(interpreter, ["-c", code, JSON.stringify(names)], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${interpreter} failed: ${run.stderr}`);
  const { __data__: data, ...found } = JSON.parse(run.stdout);
  Object.assign(classes, found);
  for (const n of data.data) otherData.add(n);
}

// Names that are a method of some class and a data attribute of none (`name`, `data`, `next`
// are both: their reads stay plain member reads). Private names are left out.
const methodNames = new Set();
const dataNames = new Set(otherData);
for (const info of Object.values(classes)) {
  for (const n of info.methods) methodNames.add(n);
  for (const n of info.data) dataNames.add(n);
}
const onlyMethods = [...methodNames].filter((n) => !dataNames.has(n) && !n.startsWith("_")).sort();
// For those that are also data somewhere: the classes (\`collections.Counter\`) they are methods of.
const alsoData = new Map();
for (const [where, info] of Object.entries(classes)) {
  for (const n of info.methods) {
    if (!dataNames.has(n) || n.startsWith("_")) continue;
    if (!alsoData.has(n)) alsoData.set(n, []);
    alsoData.get(n).push(where);
  }
}
const alsoDataRows = [...alsoData].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, where]) => `  [${JSON.stringify(n)}, ${JSON.stringify(where.sort())}],`);

// The runtime class at each path, keyed as the runtime names it (`__module__.__qualname__`).
const value = (name) => name.split(".").reduce((object, part) => (object == null ? undefined : object[objectKey(part)]), runtime);
const table = new Map();
for (const [where, info] of Object.entries(classes)) {
  if (info.cMethods.length === 0 && !info.inC) continue;
  let cls;
  try {
    cls = value(where);
  } catch {
    continue;
  }
  if (typeof cls !== "function" || !runtime.isClass(cls)) continue;
  const key = `${runtime.getattr(cls, "__module__")}.${runtime.getattr(cls, "__qualname__")}`;
  if (table.has(key)) continue;
  table.set(key, [info.tp, info.inC ? "*" : info.cMethods.filter((n) => !n.startsWith("_"))]);
}
const rows = [...table].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, entry]) => `  [${JSON.stringify(key)}, ${JSON.stringify(entry)}],`);

fs.writeFileSync(
  path.join(root, "src/lower/runtime-method-names.ts"),
  `// Generated by scripts/gen-method-names.mjs (do not edit).

/**
 * Names that are methods of the classes the provided modules define (in CPython) and data
 * attributes of none: read off a runtime object without a call, such a name is a bound method.
 */
export const RUNTIME_CLASS_METHOD_NAMES: ReadonlySet<string> = new Set(${JSON.stringify(onlyMethods)});

/**
 * Names that are methods of some of those classes and data of others (\`total\`, \`name\`), with
 * the classes (by module path) they are methods of: a read off an instance of one is a bound method.
 */
export const RUNTIME_METHOD_OR_DATA_NAMES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
${alsoDataRows.join("\n")}
]);
`,
);
fs.writeFileSync(
  path.join(root, "runtime/values/builtin-method-table.ts"),
  `// Generated by scripts/gen-method-names.mjs (do not edit).

/**
 * Runtime classes (by \`__module__.__qualname__\`) whose CPython class has methods written in C:
 * its tp_name, and those methods' names ("*": all of them, a type made in C). Read off an
 * instance, such a method is a \`builtin_function_or_method\`; any other, a bound method.
 */
export const BUILTIN_METHOD_TABLE: ReadonlyMap<string, readonly [string, "*" | readonly string[]]> = new Map<string, readonly [string, "*" | readonly string[]]>([
${rows.join("\n")}
]);
`,
);
console.log(`wrote src/lower/runtime-method-names.ts (${onlyMethods.length} names) and runtime/values/builtin-method-table.ts (${table.size} classes)`);
