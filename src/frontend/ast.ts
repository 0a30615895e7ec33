// The typed Python AST. Node kinds and field names follow CPython 3.11's `ast` module, so a
// tree can be compared with `ast.dump(ast.parse(src), include_attributes=True)`.
// Positions: 1-based lines and 0-based columns counted in characters (CPython counts UTF-8
// bytes; the two agree on ASCII lines, and the comparison test converts the rest).

export interface Span {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

interface NodeBase extends Span {}

// ---- module ------------------------------------------------------------------------------

export interface Module {
  _type: "Module";
  body: Stmt[];
  type_ignores: [];
}

// ---- statements --------------------------------------------------------------------------

export interface FunctionDef extends NodeBase {
  _type: "FunctionDef";
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
  type_comment: null;
}
export interface AsyncFunctionDef extends NodeBase {
  _type: "AsyncFunctionDef";
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
  type_comment: null;
}
export interface ClassDef extends NodeBase {
  _type: "ClassDef";
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}
export interface Return extends NodeBase { _type: "Return"; value: Expr | null }
export interface Delete extends NodeBase { _type: "Delete"; targets: Expr[] }
export interface Assign extends NodeBase {
  _type: "Assign";
  targets: Expr[];
  value: Expr;
  type_comment: null;
}
export interface AugAssign extends NodeBase {
  _type: "AugAssign";
  target: Expr;
  op: Operator;
  value: Expr;
}
export interface AnnAssign extends NodeBase {
  _type: "AnnAssign";
  target: Expr;
  annotation: Expr;
  value: Expr | null;
  simple: 0 | 1;
}
export interface For extends NodeBase {
  _type: "For";
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  type_comment: null;
}
export interface AsyncFor extends NodeBase {
  _type: "AsyncFor";
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  type_comment: null;
}
export interface While extends NodeBase { _type: "While"; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface If extends NodeBase { _type: "If"; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface With extends NodeBase {
  _type: "With";
  items: WithItem[];
  body: Stmt[];
  type_comment: null;
}
export interface AsyncWith extends NodeBase {
  _type: "AsyncWith";
  items: WithItem[];
  body: Stmt[];
  type_comment: null;
}
export interface Match extends NodeBase { _type: "Match"; subject: Expr; cases: MatchCase[] }
export interface Raise extends NodeBase { _type: "Raise"; exc: Expr | null; cause: Expr | null }
export interface Try extends NodeBase {
  _type: "Try";
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface TryStar extends NodeBase {
  _type: "TryStar";
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface Assert extends NodeBase { _type: "Assert"; test: Expr; msg: Expr | null }
export interface Import extends NodeBase { _type: "Import"; names: Alias[] }
export interface ImportFrom extends NodeBase {
  _type: "ImportFrom";
  module: string | null;
  names: Alias[];
  level: number;
}
export interface Global extends NodeBase { _type: "Global"; names: string[] }
export interface Nonlocal extends NodeBase { _type: "Nonlocal"; names: string[] }
export interface ExprStmt extends NodeBase { _type: "Expr"; value: Expr }
export interface Pass extends NodeBase { _type: "Pass" }
export interface Break extends NodeBase { _type: "Break" }
export interface Continue extends NodeBase { _type: "Continue" }

export type Stmt =
  | FunctionDef | AsyncFunctionDef | ClassDef | Return | Delete | Assign | AugAssign
  | AnnAssign | For | AsyncFor | While | If | With | AsyncWith | Match | Raise | Try
  | TryStar | Assert | Import | ImportFrom | Global | Nonlocal | ExprStmt | Pass | Break
  | Continue;

// ---- expressions -------------------------------------------------------------------------

export type ExprContext = "Load" | "Store" | "Del";

export interface BoolOp extends NodeBase { _type: "BoolOp"; op: "And" | "Or"; values: Expr[] }
export interface NamedExpr extends NodeBase { _type: "NamedExpr"; target: Name; value: Expr }
export interface BinOp extends NodeBase { _type: "BinOp"; left: Expr; op: Operator; right: Expr }
export interface UnaryOp extends NodeBase { _type: "UnaryOp"; op: UnaryOperator; operand: Expr }
export interface Lambda extends NodeBase { _type: "Lambda"; args: Arguments; body: Expr }
export interface IfExp extends NodeBase { _type: "IfExp"; test: Expr; body: Expr; orelse: Expr }
export interface Dict extends NodeBase {
  _type: "Dict";
  /** null key: a `**mapping` entry */
  keys: (Expr | null)[];
  values: Expr[];
}
export interface SetExpr extends NodeBase { _type: "Set"; elts: Expr[] }
export interface ListComp extends NodeBase { _type: "ListComp"; elt: Expr; generators: Comprehension[] }
export interface SetComp extends NodeBase { _type: "SetComp"; elt: Expr; generators: Comprehension[] }
export interface DictComp extends NodeBase {
  _type: "DictComp";
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}
export interface GeneratorExp extends NodeBase {
  _type: "GeneratorExp";
  elt: Expr;
  generators: Comprehension[];
}
export interface Await extends NodeBase { _type: "Await"; value: Expr }
export interface Yield extends NodeBase { _type: "Yield"; value: Expr | null }
export interface YieldFrom extends NodeBase { _type: "YieldFrom"; value: Expr }
export interface Compare extends NodeBase {
  _type: "Compare";
  left: Expr;
  ops: CmpOp[];
  comparators: Expr[];
}
export interface Call extends NodeBase { _type: "Call"; func: Expr; args: Expr[]; keywords: Keyword[] }
export interface FormattedValue extends NodeBase {
  _type: "FormattedValue";
  value: Expr;
  /** -1 none, 115 !s, 114 !r, 97 !a (CPython's numbering) */
  conversion: number;
  format_spec: JoinedStr | null;
}
export interface JoinedStr extends NodeBase { _type: "JoinedStr"; values: (Constant | FormattedValue)[] }

/** Python constant values as the frontend holds them. */
export type ConstantValue =
  | { kind: "None" }
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: bigint }
  | { kind: "float"; value: number }
  | { kind: "complex"; imag: number }
  /**
   * `split`: UTF-16 indexes of low surrogates that escapes made right after a high one
   * (`'\ud800\udc00'`): two lone surrogates to CPython, one character in a JS string
   */
  | { kind: "str"; value: string; split?: number[] }
  | { kind: "bytes"; value: Uint8Array }
  | { kind: "Ellipsis" };

export interface Constant extends NodeBase {
  _type: "Constant";
  value: ConstantValue;
  /** "u" for u"..." strings, else null */
  kind: string | null;
}
export interface Attribute extends NodeBase { _type: "Attribute"; value: Expr; attr: string; ctx: ExprContext }
export interface Subscript extends NodeBase { _type: "Subscript"; value: Expr; slice: Expr; ctx: ExprContext }
export interface Starred extends NodeBase { _type: "Starred"; value: Expr; ctx: ExprContext }
export interface Name extends NodeBase { _type: "Name"; id: string; ctx: ExprContext }
export interface List extends NodeBase { _type: "List"; elts: Expr[]; ctx: ExprContext }
export interface Tuple extends NodeBase { _type: "Tuple"; elts: Expr[]; ctx: ExprContext }
export interface Slice extends NodeBase {
  _type: "Slice";
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

export type Expr =
  | BoolOp | NamedExpr | BinOp | UnaryOp | Lambda | IfExp | Dict | SetExpr | ListComp
  | SetComp | DictComp | GeneratorExp | Await | Yield | YieldFrom | Compare | Call
  | FormattedValue | JoinedStr | Constant | Attribute | Subscript | Starred | Name | List
  | Tuple | Slice;

// ---- operators ---------------------------------------------------------------------------

export type Operator =
  | "Add" | "Sub" | "Mult" | "MatMult" | "Div" | "Mod" | "Pow" | "LShift" | "RShift"
  | "BitOr" | "BitXor" | "BitAnd" | "FloorDiv";
export type UnaryOperator = "Invert" | "Not" | "UAdd" | "USub";
export type CmpOp = "Eq" | "NotEq" | "Lt" | "LtE" | "Gt" | "GtE" | "Is" | "IsNot" | "In" | "NotIn";

// ---- helper nodes ------------------------------------------------------------------------

export interface Comprehension {
  _type: "comprehension";
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  is_async: 0 | 1;
}
export interface ExceptHandler extends NodeBase {
  _type: "ExceptHandler";
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}
export interface Arguments {
  _type: "arguments";
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** one entry per kwonlyarg; null where it has no default */
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  /** defaults of the last len(defaults) of posonlyargs + args */
  defaults: Expr[];
}
export interface Arg extends NodeBase {
  _type: "arg";
  arg: string;
  annotation: Expr | null;
  type_comment: null;
}
export interface Keyword extends NodeBase {
  _type: "keyword";
  /** null for `**mapping` */
  arg: string | null;
  value: Expr;
}
export interface Alias extends NodeBase {
  _type: "alias";
  name: string;
  asname: string | null;
}
export interface WithItem {
  _type: "withitem";
  context_expr: Expr;
  optional_vars: Expr | null;
}
export interface MatchCase {
  _type: "match_case";
  pattern: Pattern;
  guard: Expr | null;
  body: Stmt[];
}

export interface MatchValue extends NodeBase { _type: "MatchValue"; value: Expr }
export interface MatchSingleton extends NodeBase { _type: "MatchSingleton"; value: ConstantValue }
export interface MatchSequence extends NodeBase { _type: "MatchSequence"; patterns: Pattern[] }
export interface MatchMapping extends NodeBase {
  _type: "MatchMapping";
  keys: Expr[];
  patterns: Pattern[];
  rest: string | null;
}
export interface MatchClass extends NodeBase {
  _type: "MatchClass";
  cls: Expr;
  patterns: Pattern[];
  kwd_attrs: string[];
  kwd_patterns: Pattern[];
}
export interface MatchStar extends NodeBase { _type: "MatchStar"; name: string | null }
export interface MatchAs extends NodeBase { _type: "MatchAs"; pattern: Pattern | null; name: string | null }
export interface MatchOr extends NodeBase { _type: "MatchOr"; patterns: Pattern[] }

export type Pattern =
  | MatchValue | MatchSingleton | MatchSequence | MatchMapping | MatchClass | MatchStar
  | MatchAs | MatchOr;

export type Node = Module | Stmt | Expr | Pattern | ExceptHandler | Arg | Keyword | Alias;

// ---- diagnostics -------------------------------------------------------------------------

/** A located problem in the input: a syntax error or a construct pyts does not support. */
export interface Diagnostic {
  /** CPython's exception class for syntax errors (IndentationError and TabError are subclasses). */
  kind: "SyntaxError" | "IndentationError" | "TabError" | "RecursionError" | "MemoryError" | "Unsupported";
  message: string;
  /** 1-based line, 0-based column, as in CPython's tracebacks minus one for the column */
  line: number;
  col: number;
}

export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.line}:${d.col + 1}: ${d.message}`).join("\n"));
  }
}

/** A conversion ran out of this thread's stack on code CPython accepts (transpile() then retries it on a larger one). */
export class OutOfStack extends DiagnosticError {}
