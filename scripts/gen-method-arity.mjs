#!/usr/bin/env node
// Writes runtime/values/method-arity.ts from python3: for each built-in function and each method of the built-in types
// whose values the runtime implements with method tables (str, bytes, bytearray, list, tuple,
// dict, set, frozenset, int, float), how CPython 3.11 checks its count of positional
// arguments (static and class methods too: `"".maketrans(...)`, `{}.fromkeys(...)`), found by calling it with 0 to 6 arguments and reading the TypeError it raises.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// (the python3 on PATH, the one fixtures take their `.out` from)
const python = process.env.PYTS_ORACLE_PYTHON ?? "python3";

// Each method's messages for 0..6 positional arguments (null where the count was accepted),
// and whether its signature names parameters that may be passed by keyword.
const probe = String.raw`
import inspect, json
samples = {"str": lambda: "ab", "bytes": lambda: b"ab", "bytearray": lambda: bytearray(b"ab"), "list": lambda: [1],
           "tuple": lambda: (1,), "dict": lambda: {1: 2}, "set": lambda: {1}, "frozenset": lambda: frozenset({1}),
           "int": lambda: 5, "float": lambda: 2.5, "bool": lambda: True}
class Probe: pass
result = {}
for type_name, make in samples.items():
    methods = {}
    for name in sorted(dir(type(make()))):
        if name.startswith("_") or type(inspect.getattr_static(type(make()), name)).__name__ not in ("method_descriptor", "staticmethod", "classmethod_descriptor"):
            continue
        messages = []
        for count in range(7):
            try:
                getattr(make(), name)(*[Probe()] * count)
                messages.append(None)
            except TypeError as error:
                messages.append(str(error))
            except Exception:
                messages.append(None)
        try:
            params = list(inspect.signature(getattr(type(make()), name)).parameters.values())
            keywords = any(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in params)
        except ValueError:
            keywords = False
        methods[name] = {"messages": messages, "keywords": keywords}
    result[type_name] = methods
import builtins
# (not called: they read input, start a debugger, print, exit or run code)
unsafe = {"input", "breakpoint", "help", "exit", "quit", "print", "open", "exec", "eval", "compile", "__import__", "__build_class__"}
functions = {}
for name, value in vars(builtins).items():
    if name in unsafe or type(value).__name__ != "builtin_function_or_method":
        continue
    messages = []
    for count in range(7):
        try:
            value(*[Probe()] * count)
            messages.append(None)
        except TypeError as error:
            messages.append(str(error))
        except Exception:
            messages.append(None)
    functions[name] = {"messages": messages, "keywords": False}
print(json.dumps({"methods": result, "functions": functions}))
`;
const run = spawnSync(python, ["-c", probe], { encoding: "utf8" });
if (run.status !== 0) throw new Error(run.stderr);
const probed = JSON.parse(run.stdout);

const NOARGS = /^(\w+\.)?\w+\(\) takes no arguments \(\d+ given\)$/;
const ONE = /^(\w+\.)?\w+\(\) takes exactly one argument \(\d+ given\)$/;
const CLINIC = /^\w+ expected (at least |at most )?\d+ arguments?, got \d+$/;
const TUPLE = /^\w+\(\) takes (at least|at most|exactly) \d+ arguments? \(\d+ given\)$/;
const KEYWORDS = /^\w+\(\) (takes no positional arguments|takes (at least|at most|exactly) \d+ (positional |keyword )?arguments? \(\d+ given\)|missing required argument)/;

/** The code of one method: n, o, p<min>-<max>, t<min>-<max>, k (keyword binding checks it) or * (any count). */
function classify(type, name, { messages, keywords }) {
  const refused = messages.map((m) => m !== null && [NOARGS, ONE, CLINIC, TUPLE, KEYWORDS].some((r) => r.test(m)));
  const accepted = refused.map((r, count) => (r ? -1 : count)).filter((count) => count >= 0);
  if (accepted.length === 0) throw new Error(`${type}.${name}: no count accepted`);
  const min = accepted[0];
  const max = refused[refused.length - 1] ? accepted[accepted.length - 1] : Infinity;
  const sample = messages.find((m, count) => refused[count]);
  if (sample === undefined) return "*";
  // (the keyword parser's own words: a required parameter, or positional ones counted apart)
  if (keywords || messages.some((m, count) => refused[count] && /missing required argument|positional argument/.test(m))) return "k";
  if (NOARGS.test(sample)) return "n";
  if (ONE.test(sample)) return "o";
  const range = `${min}-${max === Infinity ? "" : max}`;
  if (CLINIC.test(sample)) return `p${range}`;
  if (TUPLE.test(sample)) return `t${range}`;
  throw new Error(`${type}.${name}: unknown message ${sample}`);
}

const tables = {};
for (const [type, methods] of Object.entries(probed.methods)) {
  tables[type] = Object.fromEntries(Object.entries(methods).map(([name, info]) => [name, classify(type, name, info)]));
}
const functions = Object.fromEntries(Object.entries(probed.functions).map(([name, info]) => [name, classify("builtins", name, info)]));
const body = Object.entries(tables)
  .map(([type, methods]) => `  ${type}: {\n${Object.entries(methods).map(([n, c]) => `    ${n}: "${c}",`).join("\n")}\n  },`)
  .join("\n");
const out = `// Generated by scripts/gen-method-arity.mjs from python3: do not edit.
/**
 * How CPython 3.11 checks the count of positional arguments of each built-in type's method:
 * "n" takes none (\`str.upper() takes no arguments (1 given)\`), "o" exactly one
 * (\`list.count() takes exactly one argument (0 given)\`), "p<min>-<max>" Argument Clinic's
 * positional check (\`insert expected 2 arguments, got 1\`), "t<min>-<max>" the tuple parser's
 * (\`count() takes at least 1 argument (0 given)\`), "k" the keyword parser (its signature in
 * keyword-binding.ts), "*" any count; an empty max is no limit.
 */
export const METHOD_ARITY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
${body}
};

/** The same for the built-in functions (\`len() takes exactly one argument (2 given)\`). */
export const FUNCTION_ARITY: Readonly<Record<string, string>> = {
${Object.entries(functions).map(([n, c]) => `  ${n}: "${c}",`).join("\n")}
};
`;
fs.writeFileSync(path.join(root, "runtime/values/method-arity.ts"), out);
console.log(`runtime/values/method-arity.ts: ${Object.values(tables).reduce((n, t) => n + Object.keys(t).length, 0)} methods, ${Object.keys(functions).length} functions`);
