// The IR: a small tree of TypeScript-level constructs. Every node says exactly what codegen
// will emit; `loc` is the Python position it came from (for the source map).

export interface Loc {
  line: number;
  col: number;
  /** where the Python construct ends (for the carets of a traceback) */
  endLine?: number;
  endCol?: number;
  /**
   * A binary operator or subscript: the column where its left part (`a` of `a + b`, `x` of
   * `x[i]`) ends and where the right part (`b`, `i`) ends or starts, as CPython's traceback
   * needs them to draw `~~~^~~~` / `~~~^^^`.
   */
  anchor?: { kind: "binop" | "subscript" | "method"; leftEnd: number; right: number };
}

// ---- types -------------------------------------------------------------------------------

export type TsType =
  | { k: "any" }
  | { k: "unknown" }
  | { k: "keyword"; name: "bigint" | "number" | "string" | "boolean" | "null" | "void" }
  | { k: "ref"; name: string; args: TsType[]; runtime?: boolean }
  | { k: "array"; element: TsType }
  | { k: "union"; types: TsType[] }
  | { k: "tuple"; elements: TsType[] };

// ---- expressions -------------------------------------------------------------------------

export type Expr =
  /** a JS number; `float` marks a Python float literal, printed with its `.0` */
  | { k: "num"; value: number; float?: boolean; loc?: Loc }
  | { k: "bigint"; value: bigint; loc?: Loc }
  | { k: "str"; value: string; loc?: Loc }
  | { k: "bool"; value: boolean; loc?: Loc }
  | { k: "null"; loc?: Loc }
  | { k: "id"; name: string; loc?: Loc }
  /** a name imported from the runtime; codegen adds the import and any alias */
  | { k: "rt"; name: string; loc?: Loc }
  | { k: "this"; loc?: Loc }
  /** `import.meta` */
  | { k: "importMeta"; loc?: Loc }
  /** `new.target` (in a constructor: the class being instantiated) */
  | { k: "newTarget"; loc?: Loc }
  /** `import("./m.js")`: a program module whose body awaits, loaded when the Python import runs */
  | { k: "dynamicImport"; specifier: string; loc?: Loc }
  | { k: "member"; object: Expr; property: string; optional?: boolean; loc?: Loc }
  | { k: "index"; object: Expr; index: Expr; loc?: Loc }
  | { k: "call"; callee: Expr; args: Arg[]; loc?: Loc }
  | { k: "new"; callee: Expr; args: Arg[]; loc?: Loc }
  | { k: "binary"; op: BinaryOp; left: Expr; right: Expr; loc?: Loc }
  | { k: "logical"; op: "&&" | "||" | "??"; left: Expr; right: Expr; loc?: Loc }
  | { k: "unary"; op: "!" | "-" | "+" | "~" | "typeof" | "void"; arg: Expr; loc?: Loc }
  | { k: "cond"; test: Expr; then: Expr; else: Expr; loc?: Loc }
  | { k: "array"; elements: Arg[]; loc?: Loc }
  | { k: "object"; props: { key: string; value: Expr }[]; loc?: Loc }
  | { k: "template"; quasis: string[]; exprs: Expr[]; loc?: Loc }
  | { k: "func"; fn: FunctionIr; loc?: Loc }
  | { k: "arrow"; params: Param[]; body: Expr | Stmt[]; async?: boolean; loc?: Loc }
  | { k: "yield"; arg: Expr | null; delegate: boolean; loc?: Loc }
  | { k: "await"; arg: Expr; loc?: Loc }
  | { k: "assign"; op: "=" | "+=" | "-=" | "||=" | "??="; target: Expr | Pattern; value: Expr; loc?: Loc }
  | { k: "seq"; exprs: Expr[]; loc?: Loc }
  | { k: "as"; expr: Expr; type: TsType; loc?: Loc }
  | { k: "classExpr"; name: string; superClass: Expr | null; members: ClassMember[]; loc?: Loc };

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "**" | "<<" | ">>" | "&" | "|" | "^"
  | "===" | "!==" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "instanceof" | "in";

export type Arg = Expr | { k: "spread"; arg: Expr };

/** Destructuring target: `[a, [b, ...c]]`. */
export type Pattern =
  | { k: "arrayPattern"; elements: (Pattern | Expr | null)[]; rest?: Pattern | Expr };

// ---- functions and classes ---------------------------------------------------------------

export interface Param {
  name: string;
  type?: TsType;
  default?: Expr;
  rest?: boolean;
  /** `x?: any`: an override taking more arguments than the method it overrides (TS checks arity). */
  optional?: boolean;
}

export interface FunctionIr {
  name: string | null;
  params: Param[];
  returnType?: TsType;
  body: Stmt[];
  generator: boolean;
  async: boolean;
}

export type ClassMember =
  /** `pythonCalls`: the runtime wraps the method to bind Python's arguments (keywordMethods), so call sites pass them as Python does */
  | { k: "method"; name: string; kind: "method" | "constructor" | "get" | "set"; isStatic: boolean; fn: FunctionIr; loc?: Loc; pythonCalls?: boolean }
  | { k: "property"; name: string; isStatic: boolean; value: Expr | null; type?: TsType; loc?: Loc }
  | { k: "indexSignature"; isStatic?: boolean }
  | { k: "staticBlock"; body: Stmt[] };

// ---- statements --------------------------------------------------------------------------

export type Stmt =
  | { k: "expr"; expr: Expr; loc?: Loc }
  | { k: "decl"; kind: "let" | "const"; name: string | Pattern; type?: TsType; init?: Expr; loc?: Loc }
  | { k: "function"; fn: FunctionIr; loc?: Loc }
  | { k: "class"; name: string; superClass: Expr | null; members: ClassMember[]; loc?: Loc }
  | { k: "return"; arg: Expr | null; loc?: Loc }
  | { k: "if"; test: Expr; then: Stmt[]; else: Stmt[] | null; loc?: Loc }
  | { k: "while"; test: Expr; body: Stmt[]; loc?: Loc }
  | { k: "forOf"; declare: "const" | "let" | null; target: string | Pattern | Expr; iter: Expr; body: Stmt[]; await?: boolean; loc?: Loc }
  /** a counting loop: `for (let name = init; test; update) body` */
  | { k: "for"; name: string; init: Expr; test: Expr; update: Expr; body: Stmt[]; loc?: Loc }
  | { k: "break"; label?: string; loc?: Loc }
  | { k: "continue"; label?: string; loc?: Loc }
  | { k: "labeled"; label: string; body: Stmt; loc?: Loc }
  /** `switch (disc) { case test: body ... default: body }` (cases fall through) */
  | { k: "switch"; disc: Expr; cases: { test: Expr | null; body: Stmt[] }[]; loc?: Loc }
  | { k: "try"; block: Stmt[]; param: string | null; handler: Stmt[] | null; finalizer: Stmt[] | null; loc?: Loc }
  | { k: "throw"; arg: Expr; loc?: Loc }
  | { k: "block"; body: Stmt[]; loc?: Loc }
  /** a Python comment (text after `#`): before the next statement, or `trailing` on the previous one's line */
  | { k: "comment"; text: string; trailing?: boolean; loc?: Loc }
  /** the next statement followed a blank line in Python (kept when the output is formatted) */
  | { k: "blank"; loc?: Loc };

/** The lowered module. Runtime names used are collected by codegen from `rt` nodes. */
export interface ModuleIr {
  body: Stmt[];
  /** the module specifier emitted code imports the runtime from */
  runtimeModule: string;
  /** every identifier bound by user code, so runtime imports can avoid clashing */
  userNames: Set<string>;
  /** `export { local as exported }` at the end (a program module's globals) */
  exports?: { local: string; exported: string }[];
  /** the program modules the module imports (dotted names; see program-imports.ts) */
  programImports?: string[];
  /** the module imports a program module by a name computed at run time (importlib.import_module) */
  computedImport?: boolean;
  /** a snippet (lower/snippet.ts): the Python names its `with` scope answers for, by JS name */
  snippetNames?: Map<string, string>;
  /** true when the module body uses top-level await */
  topLevelAwait: boolean;
  /** Python lines of class-body statements that follow a blank line (their members keep one) */
  classMemberBlankLines?: Set<number>;
}
