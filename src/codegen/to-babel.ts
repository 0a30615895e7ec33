// IR -> @babel/types. Each IR node maps to one Babel construct; nothing here decides
// semantics, only spelling. Python positions travel as Babel `loc` for the source map.
import * as t from "@babel/types";
import { b } from "./build.js";
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
        return b.tsAnyKeyword();
      case "unknown":
        return b.tsUnknownKeyword();
      case "keyword":
        switch (type.name) {
          case "bigint": return b.tsBigIntKeyword();
          case "number": return b.tsNumberKeyword();
          case "string": return b.tsStringKeyword();
          case "boolean": return b.tsBooleanKeyword();
          case "null": return b.tsNullKeyword();
          case "void": return b.tsVoidKeyword();
        }
      // eslint-disable-next-line no-fallthrough
      case "ref": {
        const name = type.runtime ? this.runtime.local(type.name) : type.name;
        return b.tsTypeReference(
          b.identifier(name),
          type.args.length ? b.tsTypeParameterInstantiation(type.args.map((a) => this.type(a))) : null,
        );
      }
      case "array":
        return b.tsArrayType(this.type(type.element));
      case "union":
        return b.tsUnionType(type.types.map((x) => this.type(x)));
      case "tuple":
        return b.tsTupleType(type.elements.map((x) => this.type(x)));
    }
  }

  private annotation(type?: ir.TsType): t.TSTypeAnnotation | null {
    return type ? b.tsTypeAnnotation(this.type(type)) : null;
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
        return e.value < 0n ? b.unaryExpression("-", b.bigIntLiteral((-e.value).toString())) : b.bigIntLiteral(e.value.toString());
      case "str":
        return b.stringLiteral(e.value);
      case "bool":
        return b.booleanLiteral(e.value);
      case "null":
        return b.nullLiteral();
      case "id":
        return b.identifier(e.name);
      case "rt":
        return b.identifier(this.runtime.local(e.name));
      case "this":
        return b.thisExpression();
      case "dynamicImport":
        return b.callExpression(b.import(), [b.stringLiteral(e.specifier)]);
      case "importMeta":
        return b.metaProperty(b.identifier("import"), b.identifier("meta"));
      case "newTarget":
        return b.metaProperty(b.identifier("new"), b.identifier("target"));
      case "member":
        return e.optional
          ? b.optionalMemberExpression(this.expr(e.object), propertyKey(e.property), !t.isValidIdentifier(e.property, false), true)
          : b.memberExpression(this.expr(e.object), propertyKey(e.property), !t.isValidIdentifier(e.property, false));
      case "index":
        return b.memberExpression(this.expr(e.object), this.expr(e.index), true);
      case "call":
        return b.callExpression(this.expr(e.callee), e.args.map((a) => this.arg(a)));
      case "new":
        return b.newExpression(this.expr(e.callee), e.args.map((a) => this.arg(a)));
      case "binary":
        return b.binaryExpression(e.op, this.expr(e.left), this.expr(e.right));
      case "logical":
        return b.logicalExpression(e.op, this.expr(e.left), this.expr(e.right));
      case "unary":
        return b.unaryExpression(e.op, this.expr(e.arg));
      case "cond":
        return b.conditionalExpression(this.expr(e.test), this.expr(e.then), this.expr(e.else));
      case "array":
        return b.arrayExpression(e.elements.map((a) => this.arg(a)));
      case "object":
        return b.objectExpression(
          // `__proto__: v` in a literal sets the object's prototype; a computed key is a plain property
          e.props.map((p) => (p.key === "__proto__" ? b.objectProperty(b.stringLiteral(p.key), this.expr(p.value), true) : b.objectProperty(propertyKey(p.key), this.expr(p.value)))),
        );
      case "template":
        return b.templateLiteral(
          e.quasis.map((q, i) => b.templateElement({ raw: escapeTemplate(q), cooked: q }, i === e.quasis.length - 1)),
          e.exprs.map((x) => this.expr(x)),
        );
      case "func":
        return this.functionExpression(e.fn);
      case "arrow": {
        const params = e.params.map((p) => this.param(p));
        const body = Array.isArray(e.body) ? b.blockStatement(this.stmts(e.body)) : this.expr(e.body);
        return b.arrowFunctionExpression(params, body, e.async ?? false);
      }
      case "yield":
        return b.yieldExpression(e.arg ? this.expr(e.arg) : null, e.delegate);
      case "await":
        return b.awaitExpression(this.expr(e.arg));
      case "assign": {
        const target = e.target.k === "arrayPattern" ? this.pattern(e.target) : (this.expr(e.target) as t.LVal);
        return b.assignmentExpression(e.op, target, this.expr(e.value));
      }
      case "seq":
        return b.sequenceExpression(e.exprs.map((x) => this.expr(x)));
      case "as":
        return b.tsAsExpression(this.expr(e.expr), this.type(e.type));
      case "classExpr":
        return b.classExpression(
          b.identifier(e.name),
          e.superClass ? this.expr(e.superClass) : null,
          b.classBody(e.members.flatMap((m) => this.classMember(m))),
        );
    }
  }

  private arg(a: ir.Arg): t.Expression | t.SpreadElement {
    return a.k === "spread" ? b.spreadElement(this.expr(a.arg)) : this.expr(a);
  }

  pattern(p: ir.Pattern): t.ArrayPattern {
    const elements: (t.PatternLike | null)[] = p.elements.map((el) => (el === null ? null : this.target(el)));
    if (p.rest) elements.push(b.restElement(this.target(p.rest) as Parameters<typeof t.restElement>[0]));
    return b.arrayPattern(elements);
  }

  private target(x: ir.Pattern | ir.Expr): t.PatternLike {
    if (x.k === "arrayPattern") return this.pattern(x);
    return this.expr(x) as t.Identifier | t.MemberExpression;
  }

  private param(p: ir.Param): t.Identifier | t.AssignmentPattern | t.RestElement {
    const id = b.identifier(p.name);
    if (p.rest) {
      const rest = b.restElement(id);
      rest.typeAnnotation = this.annotation(p.type ?? { k: "array", element: { k: "any" } });
      return rest;
    }
    id.typeAnnotation = this.annotation(p.type);
    if (p.optional) id.optional = true;
    return p.default ? b.assignmentPattern(id, this.expr(p.default)) : id;
  }

  functionExpression(fn: ir.FunctionIr): t.FunctionExpression {
    const node = b.functionExpression(
      fn.name ? b.identifier(fn.name) : null,
      fn.params.map((p) => this.param(p)),
      b.blockStatement(this.stmts(fn.body)),
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
      const empty = b.emptyStatement();
      empty.leadingComments = pending;
      out.push(empty);
    }
    return out;
  }

  private block(list: ir.Stmt[]): t.BlockStatement {
    return b.blockStatement(this.stmts(list));
  }

  stmt(s: ir.Stmt): t.Statement {
    switch (s.k) {
      case "expr":
        return b.expressionStatement(this.expr(s.expr));
      case "decl": {
        const id = typeof s.name === "string" ? b.identifier(s.name) : this.pattern(s.name);
        if (s.type && id.type === "Identifier") id.typeAnnotation = this.annotation(s.type);
        return b.variableDeclaration(s.kind, [b.variableDeclarator(id, s.init ? this.expr(s.init) : null)]);
      }
      case "function": {
        const fe = this.functionExpression(s.fn);
        const decl = b.functionDeclaration(b.identifier(s.fn.name ?? "anonymous"), fe.params, fe.body, fe.generator, fe.async);
        decl.returnType = fe.returnType;
        return decl;
      }
      case "class":
        return b.classDeclaration(
          b.identifier(s.name),
          s.superClass ? this.expr(s.superClass) : null,
          b.classBody(s.members.flatMap((m) => this.classMember(m))),
        );
      case "return":
        return b.returnStatement(s.arg ? this.expr(s.arg) : null);
      case "if":
        return b.ifStatement(this.expr(s.test), this.block(s.then), s.else ? this.elseBranch(s.else) : null);
      case "while":
        return b.whileStatement(this.expr(s.test), this.block(s.body));
      case "forOf": {
        let left: t.VariableDeclaration | t.LVal;
        const target = typeof s.target === "string" ? b.identifier(s.target) : this.target(s.target);
        if (s.declare) left = b.variableDeclaration(s.declare, [b.variableDeclarator(target as t.LVal)]);
        else left = target as t.LVal;
        return b.forOfStatement(left, this.expr(s.iter), this.block(s.body), s.await === true);
      }
      case "for": {
        const init = b.variableDeclaration("let", [b.variableDeclarator(b.identifier(s.name), this.expr(s.init))]);
        return b.forStatement(init, this.expr(s.test), this.expr(s.update), this.block(s.body));
      }
      case "break":
        return b.breakStatement(s.label ? b.identifier(s.label) : null);
      case "continue":
        return b.continueStatement(s.label ? b.identifier(s.label) : null);
      case "labeled":
        return b.labeledStatement(b.identifier(s.label), this.stmt(s.body));
      case "switch":
        return b.switchStatement(
          this.expr(s.disc),
          s.cases.map((c) => b.switchCase(c.test ? this.expr(c.test) : null, this.stmts(c.body))),
        );
      case "try":
        return b.tryStatement(
          this.block(s.block),
          s.handler ? b.catchClause(s.param ? b.identifier(s.param) : null, this.block(s.handler)) : null,
          s.finalizer ? this.block(s.finalizer) : null,
        );
      case "throw":
        return b.throwStatement(this.expr(s.arg));
      case "block":
        return this.block(s.body);
      case "comment":
      case "blank":
        return b.emptyStatement();
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
        const key = symbolKey ? b.memberExpression(b.identifier("Symbol"), b.identifier("iterator")) : propertyKey(m.name);
        const node = b.classMethod(m.kind, key, fe.params, fe.body, symbolKey, m.isStatic, fe.generator, fe.async);
        if (m.kind !== "constructor" && m.kind !== "set") node.returnType = fe.returnType;
        return this.at(node, m.loc);
      }
      case "property": {
        const node = b.classProperty(propertyKey(m.name), m.value ? this.expr(m.value) : null, this.annotation(m.type), null, false, m.isStatic);
        return this.at(node, m.loc);
      }
      case "indexSignature": {
        const param = b.identifier("attr");
        param.typeAnnotation = b.tsTypeAnnotation(b.tsStringKeyword());
        const node = b.tsIndexSignature([param], b.tsTypeAnnotation(b.tsAnyKeyword()));
        if (m.isStatic) node.static = true;
        return node;
      }
      case "staticBlock":
        return b.staticBlock(this.stmts(m.body));
    }
  }
}

/** `name(...args: any[]): any;`, the overload a wrapped method shows the type checker. */
function pythonCallSignature(m: Extract<ir.ClassMember, { k: "method" }>): t.TSDeclareMethod {
  const args = b.restElement(b.identifier("args"));
  args.typeAnnotation = b.tsTypeAnnotation(b.tsArrayType(b.tsAnyKeyword()));
  const node = b.tsDeclareMethod(null, propertyKey(m.name), null, [args], b.tsTypeAnnotation(b.tsAnyKeyword()));
  node.static = m.isStatic;
  return node;
}

function propertyKey(name: string): t.Identifier | t.StringLiteral {
  return t.isValidIdentifier(name, false) ? b.identifier(name) : b.stringLiteral(name);
}

function numberLiteral(value: number, float: boolean): t.Expression {
  if (Number.isNaN(value)) return b.identifier("NaN");
  if (value === Infinity) return b.identifier("Infinity");
  if (value === -Infinity) return b.unaryExpression("-", b.identifier("Infinity"));
  if (value < 0 || Object.is(value, -0)) return b.unaryExpression("-", numberLiteral(-value, float));
  const node = b.numericLiteral(value);
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
