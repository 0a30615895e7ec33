// The builtins module as name lookup's last scope: a name the program binds nowhere is read
// from it when it is evaluated (`builtins.answer = 42` then `print(answer)`), and a global read
// before its module binds it falls back to the builtin of that name (`len` before `def len`),
// as CPython's LEGB lookup does. The module is made in modules/module-spec.ts.

let scope: object | null = null;

/** Makes the builtins module (it is made on first need: most programs never reach it). */
let makeScope: (() => object) | null = null;

export function setBuiltinScope(module: object): void {
  scope = module;
}

export function setBuiltinScopeMaker(make: () => object): void {
  makeScope = make;
}

/** The builtins module's value of `name`, or undefined while it has none. */
export function builtinScopeValue(name: string): unknown {
  // (a builtin only the module holds, `l = locals`, is read before anything made the module)
  if (scope === null && makeScope !== null) scope = makeScope();
  return scope !== null && Object.hasOwn(scope, name) ? (scope as Record<string, unknown>)[name] : undefined;
}
