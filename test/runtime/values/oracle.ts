// Runs Python source snippets in one python3 process and returns what CPython gives, so
// tests compare against CPython itself rather than hand-typed strings.
import { execFileSync } from "node:child_process";
import { typeName } from "../../../runtime/values/typename.js";

const DRIVER = `
import json, sys
out = []
for kind, src in json.load(sys.stdin):
    try:
        if kind == "exec":
            ns = {}
            exec(src, ns)
            out.append(["ok", ns.get("result")])
        else:
            v = eval(src)
            out.append(["ok", repr(v) if kind == "repr" else str(v) if kind == "str" else v])
    except BaseException as e:
        out.append(["err", type(e).__name__ + ": " + str(e)])
print(json.dumps(out))
`;

export type Outcome = ["ok", unknown] | ["err", string];

/** Evaluates each expression with python3; kind "repr" gives repr(value), "str" str(value). */
export function python(items: ReadonlyArray<readonly ["repr" | "str" | "exec", string]>): Outcome[] {
  const text = execFileSync("python3", ["-c", DRIVER], { input: JSON.stringify(items), encoding: "utf8" });
  return JSON.parse(text) as Outcome[];
}

/** repr() of each Python expression. */
export function pythonReprs(exprs: readonly string[]): Outcome[] {
  return python(exprs.map((e) => ["repr", e] as const));
}

/** Runs a TS thunk, giving the same outcome shape (exceptions as "Name: message"). */
export function outcome(thunk: () => unknown, show: (v: unknown) => string): Outcome {
  try {
    return ["ok", show(thunk())];
  } catch (e) {
    const err = e as { name?: string; args?: unknown };
    // (the Python type's name: `.name` is an attribute of its own on AttributeError and NameError)
    if (err && typeof err === "object" && "args" in err) return ["err", `${typeName(e)}: ${errorText(e)}`];
    throw e;
  }
}

let errorText: (e: unknown) => string = (e) => String((e as Error).message);
export function setErrorText(f: (e: unknown) => string): void {
  errorText = f;
}
