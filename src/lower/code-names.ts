// A def's `co_names` as CPython's compiler fills it: in the order the code first uses them, the
// global and builtin names it reads or writes, the attribute names it loads, stores or calls,
// and the modules and names it imports. Nested defs, lambdas, classes and comprehensions have
// code of their own: only what the enclosing code evaluates for them (decorators, defaults,
// bases, the first iterable) counts. inspect.getclosurevars reads it.

import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";

export function codeNames(cx: LowerContext, scope: Scope, body: readonly py.Stmt[]): string[] {
  const names: string[] = [];
  const add = (name: string): void => {
    if (!names.includes(name)) names.push(name);
  };
  const isGlobal = (name: string): boolean => {
    if (scope.globals.has(name)) return true;
    const owner = cx.resolve(name, scope);
    return owner === null || owner.kind === "module";
  };
  const visitArgs = (args: py.Arguments): void => {
    visit(args.defaults);
    visit(args.kw_defaults);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { _type?: string };
    switch (n._type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        const def = node as py.FunctionDef;
        visit(def.decorator_list);
        visitArgs(def.args);
        if (isGlobal(def.name)) add(def.name);
        return;
      }
      case "ClassDef": {
        const cls = node as py.ClassDef;
        visit(cls.decorator_list);
        visit(cls.bases);
        visit(cls.keywords);
        if (isGlobal(cls.name)) add(cls.name);
        return;
      }
      case "Lambda":
        visitArgs((node as py.Lambda).args);
        return;
      case "ListComp":
      case "SetComp":
      case "DictComp":
      case "GeneratorExp":
        visit((node as py.ListComp).generators[0]?.iter);
        return;
      case "Name": {
        const id = (node as py.Name).id;
        if (isGlobal(id)) add(id);
        return;
      }
      case "Attribute":
        visit((node as py.Attribute).value);
        add((node as py.Attribute).attr);
        return;
      case "Import":
        for (const alias of (node as py.Import).names) {
          add(alias.name);
          const bound = alias.asname ?? alias.name.split(".")[0]!;
          if (isGlobal(bound)) add(bound);
        }
        return;
      case "ImportFrom": {
        const imp = node as py.ImportFrom;
        add(imp.module ?? "");
        for (const alias of imp.names) {
          add(alias.name);
          const bound = alias.asname ?? alias.name;
          if (isGlobal(bound)) add(bound);
        }
        return;
      }
      // evaluation order where the AST's field order differs
      case "Assign":
        visit((node as py.Assign).value);
        visit((node as py.Assign).targets);
        return;
      case "AnnAssign":
        visit((node as py.AnnAssign).value);
        visit((node as py.AnnAssign).target);
        return;
      case "For":
      case "AsyncFor":
        visit((node as py.For).iter);
        visit((node as py.For).target);
        visit((node as py.For).body);
        visit((node as py.For).orelse);
        return;
      case "Dict": {
        const dict = node as py.Dict;
        dict.values.forEach((value, i) => {
          visit(dict.keys[i]);
          visit(value);
        });
        return;
      }
      case "Try":
        visit((node as py.Try).body);
        visit((node as py.Try).orelse);
        visit((node as py.Try).handlers);
        visit((node as py.Try).finalbody);
        return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "_type" && typeof value === "object") visit(value);
  };
  visit(body);
  return names;
}
