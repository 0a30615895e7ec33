// IR -> @babel/types. Each IR node maps to one Babel construct; nothing here decides
// semantics, only spelling. Python positions travel as Babel `loc` for the source map.
import * as t from "@babel/types";
import type * as ir from "../lower/ir.js";
import { blankLineMarker } from "./positions.js";

export interface RuntimeImports {
  /** runtime export name -> local name used in the module */
  local(name: string): string;
}

/**
 * The Python position of each Babel node built from a positioned IR node, kept on the node
 * under a symbol (a WeakMap of every node cost a hash insert per node and ephemeron work in
 * every garbage collection).
 */
const PYTHON_LOC = Symbol("pythonLoc");

export function pythonLocOf(node: t.Node): ir.Loc | undefined {
  return (node as { [PYTHON_LOC]?: ir.Loc })[PYTHON_LOC];
}

export class BabelBuilder {
  constructor(
    private readonly runtime: RuntimeImports,
    private readonly filename: string,
    private readonly options: { blankLines: boolean; classMemberBlankLines?: Set<number> } = { blankLines: false },
  ) {}

  /**
   * The statements and class members given a position, in the order built (a node may come
   * twice): what gets a position marker (emit.ts), found without walking the whole tree.
   */
  readonly positioned: t.Node[] = [];

  private at<N extends t.Node>(node: N, loc?: ir.Loc): N {
    if (loc) {
      const pos = { line: loc.line, column: loc.col, index: 0 };
      node.loc = { start: pos, end: pos, filename: this.filename, identifierName: undefined };
      (node as { [PYTHON_LOC]?: ir.Loc })[PYTHON_LOC] = loc;
      if ((t.isStatement(node) && !t.isBlockStatement(node)) || t.isClassMethod(node) || t.isClassProperty(node)) this.positioned.push(node);
    }
    return node;
  }

  // ---- types -----------------------------------------------------------------------------

  type(type: ir.TsType): t.TSType {
    switch (type.k) {
      case "any":
        return t.tsAnyKeyword();
      case "unknown":
        return t.tsUnknownKeyword();
      case "keyword":
        switch (type.name) {
          case "bigint": return t.tsBigIntKeyword();
          case "number": return t.tsNumberKeyword();
          case "string": return t.tsStringKeyword();
          case "boolean": return t.tsBooleanKeyword();
          case "null": return t.tsNullKeyword();
          case "void": return t.tsVoidKeyword();
        }
      // eslint-disable-next-line no-fallthrough
      case "ref": {
        const name = type.runtime ? this.runtime.local(type.name) : type.name;
        return t.tsTypeReference(
          t.identifier(name),
          type.args.length ? t.tsTypeParameterInstantiation(type.args.map((a) => this.type(a))) : null,
        );
      }
      case "array":
        return t.tsArrayType(this.type(type.element));
      case "union":
        return t.tsUnionType(type.types.map((x) => this.type(x)));
      case "tuple":
        return t.tsTupleType(type.elements.map((x) => this.type(x)));
    }
  }

  private annotation(type?: ir.TsType): t.TSTypeAnnotation | null {
    return type ? t.tsTypeAnnotation(this.type(type)) : null;
  }

  // ---- expressions -----------------------------------------------------------------------

  expr(e: ir.Expr): t.Expression {
    return this.at(this.exprInner(e), e.loc);
  }

  private exprInner(e: ir.Expr): t.Expression {
    switch (e.k) {
      case "num":
        return numberLiteral(e.value, e.float ?? false);
      case "bigint":
        return e.value < 0n ? t.unaryExpression("-", t.bigIntLiteral((-e.value).toString())) : t.bigIntLiteral(e.value.toString());
      case "str":
        return t.stringLiteral(e.value);
      case "bool":
        return t.booleanLiteral(e.value);
      case "null":
        return t.nullLiteral();
      case "id":
        return t.identifier(e.name);
      case "rt":
        return t.identifier(this.runtime.local(e.name));
      case "this":
        return t.thisExpression();
      case "dynamicImport":
        return t.callExpression(t.import(), [t.stringLiteral(e.specifier)]);
      case "importMeta":
        return t.metaProperty(t.identifier("import"), t.identifier("meta"));
      case "member":
        return e.optional
          ? t.optionalMemberExpression(this.expr(e.object), propertyKey(e.property), !t.isValidIdentifier(e.property, false), true)
          : t.memberExpression(this.expr(e.object), propertyKey(e.property), !t.isValidIdentifier(e.property, false));
      case "index":
        return t.memberExpression(this.expr(e.object), this.expr(e.index), true);
      case "call":
        return t.callExpression(this.expr(e.callee), e.args.map((a) => this.arg(a)));
      case "new":
        return t.newExpression(this.expr(e.callee), e.args.map((a) => this.arg(a)));
      case "binary":
        return t.binaryExpression(e.op, this.expr(e.left), this.expr(e.right));
      case "logical":
        return t.logicalExpression(e.op, this.expr(e.left), this.expr(e.right));
      case "unary":
        return t.unaryExpression(e.op, this.expr(e.arg));
      case "cond":
        return t.conditionalExpression(this.expr(e.test), this.expr(e.then), this.expr(e.else));
      case "array":
        return t.arrayExpression(e.elements.map((a) => this.arg(a)));
      case "object":
        return t.objectExpression(
          // `__proto__: v` in a literal sets the object's prototype; a computed key is a plain property
          e.props.map((p) => (p.key === "__proto__" ? t.objectProperty(t.stringLiteral(p.key), this.expr(p.value), true) : t.objectProperty(propertyKey(p.key), this.expr(p.value)))),
        );
      case "template":
        return t.templateLiteral(
          e.quasis.map((q, i) => t.templateElement({ raw: escapeTemplate(q), cooked: q }, i === e.quasis.length - 1)),
          e.exprs.map((x) => this.expr(x)),
        );
      case "func":
        return this.functionExpression(e.fn);
      case "arrow": {
        const params = e.params.map((p) => this.param(p));
        const body = Array.isArray(e.body) ? t.blockStatement(this.stmts(e.body)) : this.expr(e.body);
        return t.arrowFunctionExpression(params, body, e.async ?? false);
      }
      case "yield":
        return t.yieldExpression(e.arg ? this.expr(e.arg) : null, e.delegate);
      case "await":
        return t.awaitExpression(this.expr(e.arg));
      case "assign": {
        const target = e.target.k === "arrayPattern" ? this.pattern(e.target) : (this.expr(e.target) as t.LVal);
        return t.assignmentExpression(e.op, target, this.expr(e.value));
      }
      case "seq":
        return t.sequenceExpression(e.exprs.map((x) => this.expr(x)));
      case "as":
        return t.tsAsExpression(this.expr(e.expr), this.type(e.type));
      case "classExpr":
        return t.classExpression(
          t.identifier(e.name),
          e.superClass ? this.expr(e.superClass) : null,
          t.classBody(e.members.flatMap((m) => this.classMember(m))),
        );
    }
  }

  private arg(a: ir.Arg): t.Expression | t.SpreadElement {
    return a.k === "spread" ? t.spreadElement(this.expr(a.arg)) : this.expr(a);
  }

  pattern(p: ir.Pattern): t.ArrayPattern {
    const elements: (t.PatternLike | null)[] = p.elements.map((el) => (el === null ? null : this.target(el)));
    if (p.rest) elements.push(t.restElement(this.target(p.rest) as Parameters<typeof t.restElement>[0]));
    return t.arrayPattern(elements);
  }

  private target(x: ir.Pattern | ir.Expr): t.PatternLike {
    if (x.k === "arrayPattern") return this.pattern(x);
    return this.expr(x) as t.Identifier | t.MemberExpression;
  }

  private param(p: ir.Param): t.Identifier | t.AssignmentPattern | t.RestElement {
    const id = t.identifier(p.name);
    if (p.rest) {
      const rest = t.restElement(id);
      rest.typeAnnotation = this.annotation(p.type ?? { k: "array", element: { k: "any" } });
      return rest;
    }
    id.typeAnnotation = this.annotation(p.type);
    if (p.optional) id.optional = true;
    return p.default ? t.assignmentPattern(id, this.expr(p.default)) : id;
  }

  functionExpression(fn: ir.FunctionIr): t.FunctionExpression {
    const node = t.functionExpression(
      fn.name ? t.identifier(fn.name) : null,
      fn.params.map((p) => this.param(p)),
      t.blockStatement(this.stmts(fn.body)),
      fn.generator,
      fn.async,
    );
    node.returnType = this.annotation(fn.returnType);
    return node;
  }

  // ---- statements ------------------------------------------------------------------------

  stmts(list: ir.Stmt[]): t.Statement[] {
    const out: t.Statement[] = [];
    let pending: t.Comment[] = [];
    for (const s of list) {
      if (s.k === "blank") {
        if (this.options.blankLines) pending.push(blankLineMarker());
        continue;
      }
      if (s.k === "comment") {
        const previous = out[out.length - 1];
        if (s.trailing && previous && pending.length === 0) {
          previous.trailingComments = [...(previous.trailingComments ?? []), lineComment(s.text)];
        } else {
          pending.push(lineComment(s.text));
        }
        continue;
      }
      const node = this.at(this.stmt(s), s.loc);
      if (pending.length) {
        node.leadingComments = pending;
        pending = [];
      }
      out.push(node);
    }
    // Comments after a block's last statement stay inside the block.
    while (pending.length && pending[pending.length - 1]!.type !== "CommentLine") pending.pop();
    if (pending.length) {
      const empty = t.emptyStatement();
      empty.leadingComments = pending;
      out.push(empty);
    }
    return out;
  }

  private block(list: ir.Stmt[]): t.BlockStatement {
    return t.blockStatement(this.stmts(list));
  }

  stmt(s: ir.Stmt): t.Statement {
    switch (s.k) {
      case "expr":
        return t.expressionStatement(this.expr(s.expr));
      case "decl": {
        const id = typeof s.name === "string" ? t.identifier(s.name) : this.pattern(s.name);
        if (s.type && id.type === "Identifier") id.typeAnnotation = this.annotation(s.type);
        return t.variableDeclaration(s.kind, [t.variableDeclarator(id, s.init ? this.expr(s.init) : null)]);
      }
      case "function": {
        const fe = this.functionExpression(s.fn);
        const decl = t.functionDeclaration(t.identifier(s.fn.name ?? "anonymous"), fe.params, fe.body, fe.generator, fe.async);
        decl.returnType = fe.returnType;
        return decl;
      }
      case "class":
        return t.classDeclaration(
          t.identifier(s.name),
          s.superClass ? this.expr(s.superClass) : null,
          t.classBody(s.members.flatMap((m) => this.classMember(m))),
        );
      case "return":
        return t.returnStatement(s.arg ? this.expr(s.arg) : null);
      case "if":
        return t.ifStatement(this.expr(s.test), this.block(s.then), s.else ? this.elseBranch(s.else) : null);
      case "while":
        return t.whileStatement(this.expr(s.test), this.block(s.body));
      case "forOf": {
        let left: t.VariableDeclaration | t.LVal;
        const target = typeof s.target === "string" ? t.identifier(s.target) : this.target(s.target);
        if (s.declare) left = t.variableDeclaration(s.declare, [t.variableDeclarator(target as t.LVal)]);
        else left = target as t.LVal;
        return t.forOfStatement(left, this.expr(s.iter), this.block(s.body), s.await === true);
      }
      case "for": {
        const init = t.variableDeclaration("let", [t.variableDeclarator(t.identifier(s.name), this.expr(s.init))]);
        return t.forStatement(init, this.expr(s.test), this.expr(s.update), this.block(s.body));
      }
      case "break":
        return t.breakStatement(s.label ? t.identifier(s.label) : null);
      case "continue":
        return t.continueStatement(s.label ? t.identifier(s.label) : null);
      case "labeled":
        return t.labeledStatement(t.identifier(s.label), this.stmt(s.body));
      case "try":
        return t.tryStatement(
          this.block(s.block),
          s.handler ? t.catchClause(s.param ? t.identifier(s.param) : null, this.block(s.handler)) : null,
          s.finalizer ? this.block(s.finalizer) : null,
        );
      case "throw":
        return t.throwStatement(this.expr(s.arg));
      case "block":
        return this.block(s.body);
      case "comment":
      case "blank":
        return t.emptyStatement();
    }
  }

  /** `else { if ... }` prints as `else if`. */
  private elseBranch(list: ir.Stmt[]): t.Statement {
    // No position marker here: a comment between `else` and `if` would break `else if`.
    if (list.length === 1 && list[0]!.k === "if") return this.stmt(list[0]!);
    return this.block(list);
  }

  private classMember(m: ir.ClassMember): (t.ClassMethod | t.ClassProperty | t.TSIndexSignature | t.StaticBlock | t.TSDeclareMethod)[] {
    const member = this.classMemberInner(m);
    // A method the runtime wraps to bind Python's arguments is called as Python calls it: its
    // declared signature takes anything (the implementation's parameters are the bound ones).
    const nodes: (t.ClassMethod | t.ClassProperty | t.TSIndexSignature | t.StaticBlock | t.TSDeclareMethod)[] = m.k === "method" && m.pythonCalls ? [pythonCallSignature(m), member] : [member];
    if (this.options.blankLines && m.k !== "indexSignature" && m.k !== "staticBlock" && m.loc && this.options.classMemberBlankLines?.has(m.loc.line)) {
      nodes[0]!.leadingComments = [blankLineMarker(), ...(nodes[0]!.leadingComments ?? [])];
    }
    return nodes;
  }

  private classMemberInner(m: ir.ClassMember): t.ClassMethod | t.ClassProperty | t.TSIndexSignature | t.StaticBlock {
    switch (m.k) {
      case "method": {
        const fe = this.functionExpression(m.fn);
        const symbolKey = m.name === "[Symbol.iterator]";
        const key = symbolKey ? t.memberExpression(t.identifier("Symbol"), t.identifier("iterator")) : propertyKey(m.name);
        const node = t.classMethod(m.kind, key, fe.params, fe.body, symbolKey, m.isStatic, fe.generator, fe.async);
        if (m.kind !== "constructor" && m.kind !== "set") node.returnType = fe.returnType;
        return this.at(node, m.loc);
      }
      case "property": {
        const node = t.classProperty(propertyKey(m.name), m.value ? this.expr(m.value) : null, this.annotation(m.type), null, false, m.isStatic);
        return this.at(node, m.loc);
      }
      case "indexSignature": {
        const param = t.identifier("attr");
        param.typeAnnotation = t.tsTypeAnnotation(t.tsStringKeyword());
        const node = t.tsIndexSignature([param], t.tsTypeAnnotation(t.tsAnyKeyword()));
        if (m.isStatic) node.static = true;
        return node;
      }
      case "staticBlock":
        return t.staticBlock(this.stmts(m.body));
    }
  }
}

/** `name(...args: any[]): any;`, the overload a wrapped method shows the type checker. */
function pythonCallSignature(m: Extract<ir.ClassMember, { k: "method" }>): t.TSDeclareMethod {
  const args = t.restElement(t.identifier("args"));
  args.typeAnnotation = t.tsTypeAnnotation(t.tsArrayType(t.tsAnyKeyword()));
  const node = t.tsDeclareMethod(null, propertyKey(m.name), null, [args], t.tsTypeAnnotation(t.tsAnyKeyword()));
  node.static = m.isStatic;
  return node;
}

function propertyKey(name: string): t.Identifier | t.StringLiteral {
  return t.isValidIdentifier(name, false) ? t.identifier(name) : t.stringLiteral(name);
}

function numberLiteral(value: number, float: boolean): t.Expression {
  if (Number.isNaN(value)) return t.identifier("NaN");
  if (value === Infinity) return t.identifier("Infinity");
  if (value === -Infinity) return t.unaryExpression("-", t.identifier("Infinity"));
  if (value < 0 || Object.is(value, -0)) return t.unaryExpression("-", numberLiteral(-value, float));
  const node = t.numericLiteral(value);
  // Keep a float that holds a whole number visibly a float: Python's `1.0` stays `1.0`.
  if (float && Number.isInteger(value) && Math.abs(value) < 1e16) node.extra = { raw: `${value}.0`, rawValue: value };
  return node;
}

/**
 * A Python comment as a `//` comment. JavaScript ends a line comment at U+2028/U+2029 (and
 * counts them as line breaks), so they are written as escapes: the text after them must not
 * become code.
 */
function lineComment(text: string): t.CommentLine {
  return { type: "CommentLine", value: text.replace(/[\u2028\u2029\r\n]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) };
}

/**
 * The raw text of a template literal part whose value is `text`. Besides `\\`, `` ` `` and `${`,
 * characters whose raw form would change the value or the line count are escaped: a raw CR
 * reads as LF, U+2028/U+2029 are line breaks, a lone surrogate cannot be written as UTF-8, and
 * other control characters are escaped to stay visible.
 */
function escapeTemplate(text: string): string {
  return text.replace(/[\\`\r\u2028\u2029\0-\x08\x0b-\x1f\x7f]|\$\{|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (m) => {
    if (m === "\\" || m === "`" || m === "${") return "\\" + m;
    if (m === "\r") return "\\r";
    const code = m.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
