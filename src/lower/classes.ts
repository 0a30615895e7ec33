// Classes: a Python class becomes a TS class. Methods bind `self` to `this`; `__init__`
// becomes the constructor; class attributes are static properties also visible through
// instances; `super()` calls become `super(...)` / `super.method(...)`. Classes in a
// multiple-inheritance hierarchy differ (see mro.ts): the JS class extends the first base,
// `inheritFrom` adds the others, `super()` is `superOf(Class, self)`, and `__init__` may be a
// method the root class's constructor runs.
import type * as py from "../frontend/ast.js";
import { replayedMethods } from "./replay-waits.js";
import { finalProperties, propertyDefinition } from "./class-properties.js";
import { pyMethodsBlock, recordsBeforeDecoration } from "./method-records.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowerArgs } from "./calls.js";
import { decorate, lowerDef, qualname } from "./functions.js";
import { methodCodeRecord, parameterDefaults } from "./function-objects.js";
import { methodClosureVars } from "./method-closure-vars.js";
import { bindName } from "./targets.js";
import { lowerStmt } from "./statements.js";
import { applyDataclass, dataclassConstructor, dataclassSignature, isDataclassDecorator, isFieldCall } from "./dataclasses.js";
import { acceptsKeywords, describeSignature, signatureSpec, type Signature } from "./signatures.js";
import { functionKey, objectKey } from "../../runtime/lang/attr-names.js";
import { jsName } from "./names.js";
import { forwardingConstructor, getsNewAttributes, isMetaclassDef, preparedByMetaclass, subscriptedJsBase, usesMetaclass } from "./class-objects.js";
import { decoratedByProgram, initIsMethod, isObjectBase, isStatelessBase, isValueBase, jsBaseIndex } from "./mro.js";
import { builtinBase, isDynamicBase, isNamedTupleBase, namedTupleFields } from "./builtin-bases.js";
import { deferAwaitingStatics, staticsAwait } from "./class-awaits.js";
import { absoluteModule, isProgramModule, MODULE_ID } from "./program-imports.js";
import { classAnnotation, methodAnnotations } from "./class-annotations.js";
import { addAttributeHooks, decoratedByName, definesSlots, lowerMethod, methodDecoration, abstractMarks, protocolMembers } from "./class-members.js";
import { boundInClassBody, boundNames, decoratorName, docstringOf, enumBaseName, expandAbstractForms, isEnumClassDef, generalDecorated, hasHints, IMPLICIT_CLASS_METHODS, isDeleter, isEnumBase, hasOrdinaryAccessorDecorators, markOrdinaryAccessorDecorators, passedInBody, redefinedLater, definesNewSomewhere, isMethodAlias } from "./class-body-facts.js";

/** The class whose body is being lowered, innermost last (for `super()`). */
const classStacks = new WeakMap<LowerContext, py.ClassDef[]>();

/** The class whose body (or method) is being lowered, if any. */
export function currentClass(cx: LowerContext): py.ClassDef | null {
  return classStacks.get(cx)?.at(-1) ?? null;
}

/** Python's private names: `__x` inside class `Acc` is `_Acc__x`. */
export function mangle(cx: LowerContext, name: string): string {
  const cls = classStacks.get(cx)?.at(-1);
  if (!cls || !name.startsWith("__") || name.endsWith("__")) return name;
  const owner = cls.name.replace(/^_+/, "");
  return owner ? `_${owner}${name}` : name;
}

/** `name` as class `cls`'s body stores it (private names mangled). */
function mangleIn(cls: py.ClassDef, name: string): string {
  if (!name.startsWith("__") || name.endsWith("__")) return name;
  const owner = cls.name.replace(/^_+/, "");
  return owner ? `_${owner}${name}` : name;
}

export function lowerClass(cx: LowerContext, s: py.ClassDef): ir.Stmt[] {
  expandAbstractForms(s);
  const value = withClass(cx, s, () => lowerClassBody(cx, s, false));
  return value as ir.Stmt[];
}

/** A class defined inside a class body: its value, stored as a class attribute. */
function nestedClassValue(cx: LowerContext, s: py.ClassDef): ir.Expr {
  return withClass(cx, s, () => lowerClassBody(cx, s, true)) as ir.Expr;
}

function withClass<T>(cx: LowerContext, s: py.ClassDef, body: () => T): T {
  const stack = classStacks.get(cx) ?? [];
  classStacks.set(cx, stack);
  stack.push(s);
  try {
    return body();
  } finally {
    stack.pop();
  }
}

/** Hooks into instance creation and attribute storage that pyts's classes do not run. */
const UNSUPPORTED_DUNDERS = new Set<string>();
/**
 * A method the runtime wraps to bind keywords takes Python's arguments (`m(1, 2, kw({...}))`),
 * which its own parameters do not type where it has `*args`, `**kw` or keyword-only ones.
 */
function markPythonCalls(member: ir.ClassMember, sig: Signature): void {
  if (member.k === "method" && member.kind === "method" && (sig.vararg !== null || sig.kwarg !== null || sig.kwonly.length > 0)) member.pythonCalls = true;
}

/** Statements with blocks: in a prepared namespace each of their bindings is stored as it runs. */
const COMPOUND_STATEMENTS = new Set<py.Stmt["_type"]>(["If", "For", "AsyncFor", "While", "Try", "TryStar", "With", "AsyncWith", "Match"]);

/** Methods (and `__slots__`) that make a class take part in attribute access (attribute-hooks.ts). */
const ATTRIBUTE_HOOKS = new Set(["__getattr__", "__getattribute__", "__setattr__", "__delattr__"]);

function lowerClassBody(cx: LowerContext, s: py.ClassDef, nested: boolean): ir.Stmt[] | ir.Expr {
  markOrdinaryAccessorDecorators(s);
  const baseExprs = s.bases.filter((b) => !isObjectBase(cx, b));
  const valueBase = s.bases.some((b) => isEnumBase(cx, b)) ? s.bases.find((b) => isValueBase(cx, b)) : undefined;
  const valueKind = valueBase?._type === "Name" ? valueBase.id : "";
  if (valueBase && !["int", "str", "float", "bytes", "tuple"].includes(valueKind)) return cx.unsupported(valueBase, `an Enum mixed with the built-in type '${valueKind}'`);
  // (`class Coordinate(bytes, Enum)` derives from both as from any two bases: its `__new__` makes the members)
  const mixedValue = valueKind === "bytes" || valueKind === "tuple" ? undefined : valueBase;
  const mixedKind = mixedValue ? valueKind : "";
  const namedTuple = s.bases.some((b) => isNamedTupleBase(cx, b));
  // `Generic[T]`, `Box[int]`: a subscripted base stands for what its `__mro_entries__` gives.
  const subscripted = (b: py.Expr): boolean => b._type === "Subscript";
  const bases = baseExprs.map((b) => (isNamedTupleBase(cx, b) ? namedTupleFields(cx, s, b) : (builtinBase(cx, b) ?? (subscripted(b) ? { k: "call", callee: cx.rt("mroBase"), args: [lowerExpr(cx, b)] } as ir.Expr : isDynamicBase(cx, b) ? { k: "call", callee: cx.rt("classStatementBase"), args: [lowerExpr(cx, b)] } as ir.Expr : lowerExpr(cx, b)))));
  // `class Color(str, Enum)`: one runtime base gives the members str's behaviour and Enum's.
  // `class X(int, ReprEnum)`: str() and format() are the value's.
  const reprEnum = s.bases.some((b) => enumBaseName(cx, b, new Set(["ReprEnum"])));
  const mixedBase: ir.Expr | null = mixedValue ? { k: "call", callee: { k: "member", object: cx.rt("enum"), property: reprEnum ? "reprMixedBase" : "mixedBase" }, args: [{ k: "str", value: mixedKind }] } : null;
  // `boundary=EJECT` makes `F(value)` return a plain int, which a class call cannot in JS.
  const eject = s.keywords.find((k) => k.arg === "boundary" && ((k.value._type === "Name" && k.value.id === "EJECT") || (k.value._type === "Attribute" && k.value.attr === "EJECT")));
  if (eject && s.bases.some((b) => isEnumBase(cx, b))) return cx.unsupported(eject.value, "a Flag with boundary=EJECT (a class call cannot return a plain int)");
  // `@member def f(...)` in an enumeration's body (its defs are methods here, never members).
  const memberDecorator = s.bases.some((b) => isEnumBase(cx, b))
    ? s.body.flatMap((st) => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef" || st._type === "ClassDef" ? st.decorator_list : [])).find((d) => (d._type === "Name" && d.id === "member") || (d._type === "Attribute" && d.attr === "member"))
    : undefined;
  if (memberDecorator) return cx.unsupported(memberDecorator, "@member on a def or class in an Enum body (assign NAME = member(value) instead)");
  let superClass = mixedBase ?? bases[jsBaseIndex(cx, baseExprs)] ?? null;
  // A metaclass's `__init__` initialises a class object: a method, never a JS constructor.
  const initMethod = initIsMethod(cx, s) || isMetaclassDef(cx, s);
  const withMetaclass = usesMetaclass(cx, s);
  const members: ir.ClassMember[] = [{ k: "indexSignature" }];
  // Attributes the module adds to the class later are read off it by name.
  // (`@x.setter` of a user descriptor reads `x` off the class, typed as any other name)
  if (getsNewAttributes(cx, s) || withMetaclass || dispatchesMethods(cx, s, 0) || hasOrdinaryAccessorDecorators(s)) members.push({ k: "indexSignature", isStatic: true });
  const attributes: { name: string }[] = [];
  if (cx.program !== null) {
    // In a program's module the class records its Python name and its module's `__name__`
    // (a bundler may rename the JS class; the module runs as `__main__` or by its name).
    const args: ir.Expr[] = [{ k: "this" }, { k: "str", value: s.name }, { k: "id", name: MODULE_ID }];
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("classOrigin"), args } }] });
  }

  const keywordTable: { key: string; value: ir.Expr }[] = [];
  const deleters: { key: string; value: ir.Expr }[] = [];
  const newKeywords: { key: string; value: ir.Expr }[] = [];
  const methodSpecs: { key: string; value: ir.Expr }[] = [];
  /** the defaults of methods with positional parameters only, when `inspect.signature` may read them */
  const methodDefaults: { key: string; value: ir.Expr }[] = [];
  const methodKwdefaults: { key: string; value: ir.Expr }[] = [];
  const methodDocs: { key: string; value: ir.Expr }[] = [];
  /** the methods' `__code__` / `__closure__` records, when the module reads either */
  const methodCodes: { key: string; value: ir.Expr }[] = [];
  const readsCode = cx.attributesRead.has("__code__") || cx.attributesRead.has("__closure__");
  const inPlaceDecorated = decoratedByName(s);
  const dataclassDecorator = s.decorator_list.find(isDataclassDecorator) ?? null;
  const isDataclass = dataclassDecorator !== null;
  const hasInit = s.body.some((st) => st._type === "FunctionDef" && st.name === "__init__");
  if (isDataclass && !hasInit) members.push(dataclassConstructor(cx, s));
  if (isDataclass && !hasInit && cx.escapingNames.has(s.name)) {
    // Called as a value (`Cls(**fields)`): the generated `__init__`'s parameters bind the arguments.
    const sig = dataclassSignature(cx, s);
    methodSpecs.push({ key: "__init__", value: signatureSpec({ ...sig, positional: [{ name: "self", hasDefault: false, positionalOnly: false }, ...sig.positional] }) });
  }
  // A metaclass's `__prepare__` makes the namespace before the body runs; each statement then
  // stores the names it bound in it (metaclasses.ts).
  const prepared = preparedByMetaclass(cx, s);
  const metaclassKeywords = s.keywords.filter((k) => k.arg !== "metaclass");
  if (prepared) {
    const given = s.keywords.find((k) => k.arg === "metaclass");
    const args: ir.Expr[] = [{ k: "this" }, given ? lowerExpr(cx, given.value) : { k: "null" }, ...(metaclassKeywords.length ? (lowerArgs(cx, { args: [], keywords: metaclassKeywords }) as ir.Expr[]) : [])];
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("prepareNamespace"), args } }] });
  }
  // The store of the previous statement's names, pushed after its members.
  let pendingStore: ir.ClassMember | null = null;
  const outerStores = cx.namespaceStores;
  for (const stmt of s.body) {
    if (pendingStore !== null) members.push(pendingStore);
    pendingStore = null;
    // (a compound statement stores each binding as it runs: a loop's on every pass)
    cx.namespaceStores = prepared && COMPOUND_STATEMENTS.has(stmt._type);
    if (prepared && !cx.namespaceStores && boundInClassBody(stmt).length) {
      const names: ir.Expr = { k: "array", elements: boundInClassBody(stmt).map((n) => ({ k: "str", value: mangle(cx, n) }) as ir.Expr) };
      pendingStore = { k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("storeNamespace"), args: [{ k: "this" }, names] } }] };
    }
    if ((stmt._type === "FunctionDef" || stmt._type === "AsyncFunctionDef") && UNSUPPORTED_DUNDERS.has(stmt.name)) {
      return cx.unsupported(stmt, `a class defining ${stmt.name}`);
    }
    if (redefinedLater(s, stmt)) continue; // Python's last def wins; TS refuses a duplicate method
    if ((stmt._type === "FunctionDef" || stmt._type === "AsyncFunctionDef") && isDeleter(stmt)) {
      // `@x.deleter`: a plain function taking `self`, which `del obj.x` runs (descriptors.ts).
      const { fn, setup } = lowerDef(cx, stmt, null);
      cx.fn.before.push(...setup);
      deleters.push({ key: stmt.name, value: { k: "func", fn: { ...fn, name: null } } });
      const remade = propertyDefinition(cx, s, stmt, deleters);
      if (remade !== null) members.push(remade);
      continue;
    }
    if (stmt._type === "FunctionDef" || stmt._type === "AsyncFunctionDef") {
      const member = lowerMethod(cx, stmt, superClass !== null, initMethod);
      members.push(member);
      const property = propertyDefinition(cx, s, stmt, deleters);
      if (property !== null) members.push(property);
      if ((cx.attributesRead.has("__defaults__") || cx.attributesRead.has("__kwdefaults__")) && member.k === "method") {
        const { defaults, kwdefaults } = parameterDefaults(member.fn.params, stmt.args);
        if (stmt.args.defaults.length > 0 && defaults.length === stmt.args.defaults.length) methodDefaults.push({ key: objectKey(mangle(cx, stmt.name)), value: { k: "array", elements: defaults } });
        if (kwdefaults.length > 0) methodKwdefaults.push({ key: objectKey(mangle(cx, stmt.name)), value: { k: "object", props: kwdefaults } });
      }
      if (cx.attributesRead.has("__annotations__") && stmt.decorator_list.length === 0 && !IMPLICIT_CLASS_METHODS.has(stmt.name) && hasHints(stmt)) {
        members.push(methodAnnotations(cx, s, stmt));
      }
      // (decorated later as a whole, in its static block: no records of its own)
      if (generalDecorated(s).has(stmt)) {
        members.push(methodDecoration(cx, s, stmt)!);
        continue;
      }
      const isStatic = stmt.decorator_list.some((d) => d._type === "Name" && d.id === "staticmethod");
      const sig = describeSignature(stmt.args, !isStatic);
      // Recorded when reached as a value: a bound method or `Cls.method` read, a class called
      // dynamically, or shown by `help`.
      // (`__call__` runs on dynamic paths whenever an instance is called.)
      const reachedAsValue = stmt.name === "__init__" ? !initMethod && cx.escapingNames.has(s.name) : cx.documentsClasses || cx.attributesRead.has(stmt.name) || stmt.name === "__call__" || cx.misfitMethodNames.has(stmt.name) || (stmt.args.vararg !== null && cx.starCalledAttributes.has(stmt.name));
      // (a docstring read at run time, `__doc__` or unittest's descriptions, is recorded with the spec)
      // (a def decorated in place is recorded before its decorators see it: functools.wraps copies it)
      const decoratedByName = inPlaceDecorated.has(stmt);
      const doc = cx.readsDocstrings && (stmt.decorator_list.length === 0 || decoratedByName) ? docstringOf(stmt) : null;
      const recordsCode = readsCode && stmt.decorator_list.length === 0 && stmt.name !== "__init__";
      if (recordsCode) methodCodes.push({ key: objectKey(mangle(cx, stmt.name)), value: methodCodeRecord(cx, cx.scopeOf(stmt), stmt.args) });
      if ((stmt.decorator_list.length === 0 && (reachedAsValue || doc !== null || recordsCode)) || decoratedByName) methodSpecs.push({ key: objectKey(mangle(cx, stmt.name)), value: signatureSpec(describeSignature(stmt.args)) });
      if (doc !== null) methodDocs.push({ key: objectKey(mangle(cx, stmt.name)), value: { k: "str", value: doc } });
      // (a method the class body names as a value, `partialmethod(set_state, c=1)`, may get keywords)
      const namedInBody = stmt.decorator_list.length === 0 && passedInBody(s, stmt.name);
      const calledWithKeywords = namedInBody || cx.keywordCalledAttributes.has(stmt.name) || (cx.dynamicKeywordCalls && (sig.kwonly.length > 0 || sig.kwarg !== null));
      // An `__init__` run as a method receives its caller's arguments unbound (calls.ts).
      const keywordInit = stmt.name === "__init__" && initMethod && !isStatic;
      const onClass = IMPLICIT_CLASS_METHODS.has(stmt.name) || stmt.decorator_list.some((d) => decoratorName(d) === "classmethod");
      if (onClass || isStatic) {
        // Methods of the class object (`__new__` is called by constructInstance with the
        // caller's arguments, `__init_subclass__` with the class keywords), keywords unbound.
        // The spec names the receiver first (the class; a stand-in for a static method).
        const classSig = receiverFirst(describeSignature(stmt.args), isStatic);
        // (a method taking no keywords is bound too where some call passes them: CPython refuses them)
        if (calledWithKeywords || (acceptsKeywords(classSig) && stmt.name.startsWith("__"))) {
          newKeywords.push({ key: stmt.name, value: signatureSpec(classSig) });
          markPythonCalls(member, sig);
        }
      } else if ((stmt.name !== "__init__" && calledWithKeywords) || keywordInit) {
        if (calledWithKeywords || acceptsKeywords(sig)) {
          keywordTable.push({ key: objectKey(mangle(cx, stmt.name)), value: signatureSpec(describeSignature(stmt.args)) });
          markPythonCalls(member, sig);
        }
      }
      // Its decorators run where the def stands, on the function as its records describe it.
      const decoration = methodDecoration(cx, s, stmt);
      if (decoration !== null) members.push(...recordsBeforeDecoration(cx, s, stmt, { methodSpecs, methodDefaults, methodDocs, methodKwdefaults, keywordTable }), decoration);
    } else if (isMethodAlias(s, stmt)) {
      // `__radd__ = __add__`: the same function under another name, a method like the first.
      const alias = stmt as py.Assign;
      const target = (alias.targets[0] as py.Name).id;
      const source = (alias.value as py.Name).id;
      const args: ir.Expr[] = [{ k: "this" }, { k: "str", value: objectKey(mangle(cx, target)) }, { k: "str", value: objectKey(mangle(cx, source)) }];
      members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("aliasMethod"), args } }] });
    } else if (stmt._type === "Assign" && stmt.targets.length === 1 && stmt.targets[0]!._type === "Name") {
      attributes.push(classAttribute(cx, s, mangle(cx, stmt.targets[0]!.id), stmt.value, members));
    } else if (namedTuple && stmt._type === "AnnAssign" && stmt.target._type === "Name") {
      // a field of the named tuple (namedTupleFields), whose hint `__annotations__` keeps
      if (stmt.simple && cx.attributesRead.has("__annotations__")) members.push(classAnnotation(cx, s, mangle(cx, stmt.target.id), stmt.annotation));
      continue;
    } else if (stmt._type === "AnnAssign" && stmt.target._type === "Name") {
      // A dataclass's `field(...)` describes the field; it is no class attribute.
      if (stmt.value && !(isDataclass && isFieldCall(stmt.value))) attributes.push(classAttribute(cx, s, mangle(cx, stmt.target.id), stmt.value, members));
      if (stmt.simple && cx.attributesRead.has("__annotations__")) members.push(classAnnotation(cx, s, mangle(cx, stmt.target.id), stmt.annotation));
    } else if (stmt._type === "ClassDef") {
      members.push({ k: "property", name: functionKey(stmt.name), isStatic: true, value: nestedClassValue(cx, stmt), loc: cx.loc(stmt) });
      attributes.push({ name: stmt.name });
    } else if (stmt === s.body[0] && stmt._type === "Expr" && stmt.value._type === "Constant" && stmt.value.value.kind === "str") {
      // The docstring, kept when the module reads some `__doc__`.
      if (cx.readsDocstrings) members.push({ k: "property", name: "__doc__", isStatic: true, value: { k: "str", value: stmt.value.value.value } });
    } else if (stmt._type === "Pass" || (stmt._type === "Expr" && stmt.value._type === "Constant")) {
      continue;
    } else {
      // Any other statement runs where it stands, in a static block; the names it binds are
      // class attributes (declared first, as TS wants its statics declared).
      members.push(...classBodyStatement(cx, s, stmt, members, attributes));
    }
  }
  cx.namespaceStores = outerStores;
  if (pendingStore !== null) members.push(pendingStore);
  members.push(...protocolMembers(cx, s));
  members.push(...finalProperties(cx, s, deleters));
  const byDecorator = (name: string): ir.Expr[] =>
    s.body
      .filter((st): st is py.FunctionDef => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.decorator_list.some((d) => decoratorName(d) === name) && !generalDecorated(s).has(st))
      .map((st) => ({ k: "str", value: st.name }) as ir.Expr);
  const classMethods = byDecorator("classmethod");
  const staticMethods = byDecorator("staticmethod");
  if (classMethods.length || staticMethods.length) {
    // Instances reach classmethods and staticmethods too, as in Python.
    const call: ir.Expr = { k: "call", callee: cx.rt("shareClassMethods"), args: [{ k: "this" }, { k: "array", elements: classMethods }, { k: "array", elements: staticMethods }, { k: "str", value: qualname(cx.scopeOf(s)) }] };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: call }] });
    // (a docstring read at run time: the function objects record theirs, as methods do)
    // (and a signature read at run time: they record their spec)
    // (and `__defaults__`, `__kwdefaults__`, `__code__` read or written: the spec says which parameters they are)
    // (and a call somewhere passes a count some method of its name refuses: checked at run time against the spec, src/lower/module.ts)
    const readsSpecs = cx.readsSignatures || ["__defaults__", "__kwdefaults__", "__code__"].some((name) => cx.attributesRead.has(name));
    const documented = s.body.filter(
      (st): st is py.FunctionDef =>
        (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") &&
        st.decorator_list.length === 1 &&
        ["staticmethod", "classmethod"].includes(decoratorName(st.decorator_list[0]!) ?? "") &&
        (readsSpecs || (cx.readsDocstrings && docstringOf(st) !== null) || cx.misfitMethodNames.has(st.name)),
    );
    for (const st of documented) {
      const isClassMethod = decoratorName(st.decorator_list[0]!) === "classmethod";
      const fn: ir.Expr = { k: "index", object: { k: "this" }, index: { k: "str", value: functionKey(st.name) } };
      const doc = cx.readsDocstrings ? docstringOf(st) : null;
      // (and its `__code__` / `__closure__` record when the module reads either)
      const code = readsCode ? (methodCodeRecord(cx, cx.scopeOf(st), st.args) as ir.Expr & { k: "object" }).props : [];
      const extras: ir.Expr = { k: "object", props: [...(isClassMethod ? [{ key: "method", value: { k: "bool", value: true } as ir.Expr }] : []), ...(doc !== null ? [{ key: "doc", value: { k: "str", value: doc } as ir.Expr }] : []), ...code] };
      const info: ir.Expr = { k: "call", callee: cx.rt("pyDef"), args: [fn, { k: "str", value: `${qualname(cx.scopeOf(s))}.${st.name}` }, signatureSpec(describeSignature(st.args)), { k: "num", value: st.decorator_list[0]!.lineno }, extras] };
      members.push({ k: "staticBlock", body: [{ k: "expr", expr: info }] });
    }
  }
  members.push(...methodClosureVars(cx, s));
  // (under `abc.ABC` too: its constructor only checks that the class is instantiable)
  const statelessBase = superClass !== null && mixedBase === null && baseExprs.length > 0 && isStatelessBase(cx, baseExprs[jsBaseIndex(cx, baseExprs)]!);
  if (cx.readsClassDicts) {
    // `Cls.__dict__` lists the body's names in the order the body first bound them.
    const names: ir.Expr[] = [...cx.scopeOf(s).bindings.keys()].map((n) => ({ k: "str", value: mangleIn(s, n) }));
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("namespaceOrder"), args: [{ k: "this" }, { k: "array", elements: names }] } }] });
  }
  if (initMethod && (superClass === null || statelessBase)) members.splice(1, 0, rootConstructor(cx, definesNewSomewhere(cx), statelessBase));
  // A def a decorator wraps in place binds keywords before the decorator gets it (the wrapper's
  // `fn(*args, **kwargs)` passes them on by name); the others after their decoration.
  // What Python shows of the methods as function objects (bound methods, `Cls.method`), before
  // any decorator sees them. (static and class methods take their defaults from it too)
  members.push(...pyMethodsBlock(cx, s, methodSpecs, methodDefaults, methodDocs, methodKwdefaults));
  if (methodCodes.length) {
    const call: ir.Expr = { k: "call", callee: cx.rt("methodCode"), args: [{ k: "this" }, { k: "object", props: methodCodes }] };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: call }] });
  }
  members.push(...abstractMarks(cx, s));
  // (`@dataclass(slots=True)` gives the class `__slots__` of its fields)
  const dataclassSlots = dataclassDecorator?._type === "Call" && dataclassDecorator.keywords.some((k) => k.arg === "slots" && k.value._type === "Constant" && k.value.value.kind === "bool" && k.value.value.value);
  // (a decorator of the program's may give the class a hook: `cls.__setattr__ = f` in a frozen decorator)
  const hookGiven = decoratedByProgram(cx, s) && [...ATTRIBUTE_HOOKS].some((name) => cx.storedAttributeNames.has(name));
  if (dataclassSlots || hookGiven || s.body.some((st) => (st._type === "FunctionDef" && ATTRIBUTE_HOOKS.has(st.name)) || definesSlots(st))) addAttributeHooks(cx, members, superClass !== null);
  if (keywordTable.length) {
    // Methods called with keyword arguments bind them by name at run time.
    const table: ir.Expr = { k: "object", props: keywordTable };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("keywordMethods"), args: [{ k: "this" }, table] } }] });
  }
  const recorded = replayedMethods(cx, s);
  if (recorded.length) {
    // (the dunders a runtime helper under replay calls answer from its record: replay-waits.ts)
    const names: ir.Expr = { k: "array", elements: recorded.map((n) => ({ k: "str", value: n }) as ir.Expr) };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("replayableMethods"), args: [{ k: "this" }, names] } }] });
  }
  if (newKeywords.length) {
    const table: ir.Expr = { k: "object", props: newKeywords };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("keywordMethods"), args: [{ k: "this" }, table, { k: "bool", value: true }] } }] });
  }
  if (attributes.length) {
    // Instances see class attributes through the prototype, as Python's lookup does.
    const names: ir.Expr = { k: "array", elements: attributes.map((a) => ({ k: "str", value: a.name }) as ir.Expr) };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("shareClassAttributes"), args: [{ k: "this" }, names] } }] });
  }
  if (baseExprs.some(subscripted) && !namedTuple) {
    // `__orig_bases__` (and a generic class's `__parameters__`): the bases as written
    // (evaluated a second time here, as inheritFrom's list is: subscripting a base is pure).
    const written: ir.Expr = { k: "array", elements: baseExprs.map((b) => lowerExpr(cx, b)) };
    members.unshift({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("origBases"), args: [{ k: "this" }, written] } }] });
  }
  if (bases.length > 1 && mixedBase === null) {
    // Last, so the members it copies from the other bases are the finished ones.
    const call: ir.Expr = { k: "call", callee: cx.rt("inheritFrom"), args: [{ k: "this" }, { k: "array", elements: bases }] };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: call }] });
  } else if (mixedBase !== null && baseExprs.some((b) => !isEnumBase(cx, b) && !isValueBase(cx, b))) {
    // `class Color(Mixin, str, Enum)`: the mixins, then the runtime base standing for the
    // value type and the enumeration (null: the JS superclass, made by the `extends`).
    let placed = false;
    const elements: ir.Expr[] = [];
    baseExprs.forEach((b, i) => {
      if (!isEnumBase(cx, b) && !isValueBase(cx, b)) elements.push(bases[i]!);
      else if (!placed) elements.push({ k: "null" }), (placed = true);
    });
    const call: ir.Expr = { k: "call", callee: cx.rt("inheritFrom"), args: [{ k: "this" }, { k: "array", elements }] };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: call }] });
  }
  if (isEnumClassDef(cx, s)) {
    // The class attributes become the enumeration's members, once the class is complete (its
    // other bases' methods copied: a mixin's `__init__` runs on each member, as EnumType's does).
    const names: ir.Expr = { k: "array", elements: attributes.map((a) => ({ k: "str", value: a.name }) as ir.Expr) };
    const define: ir.Expr = { k: "member", object: cx.rt("enum"), property: "defineMembers" };
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: define, args: [{ k: "this" }, names] } }] });
  }
  if ((cx.tracksSubclasses || s.keywords.length) && !withMetaclass) {
    // Last: the base's `__init_subclass__` sees the finished class (and the class keywords).
    const args: ir.Expr[] = [{ k: "this" }];
    if (s.keywords.length) args.push(...lowerArgs(cx, { args: [], keywords: s.keywords }) as ir.Expr[]);
    members.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("classCreated"), args } }] });
  }
  // A base TypeScript types as `any` gives the class a constructor of no parameters: without a
  // constructor of its own, the class extends it as a constructor taking any arguments.
  if (superClass !== null && mixedBase === null && !members.some((m) => m.k === "method" && m.kind === "constructor") && isUntypedBase(cx, baseExprs[jsBaseIndex(cx, baseExprs)])) {
    superClass = { k: "call", callee: cx.rt("untypedBase"), args: [superClass] };
  }
  // A subscripted base (`Generic[T]`, `Box[int]`) is typed `any` (mroBase), which gives the class
  // a constructor of no parameters: without one of its own it passes on whatever it is given.
  if (superClass !== null && mixedBase === null && !namedTuple && !members.some((m) => m.k === "method" && m.kind === "constructor") && subscriptedJsBase(baseExprs[jsBaseIndex(cx, baseExprs)])) {
    members.splice(members.findIndex((m) => m.k === "indexSignature") + 1, 0, forwardingConstructor());
  }
  // An enumeration deriving from its data type in JS (`class Pair(tuple, Enum)`) is iterable.
  const jsBaseExpr = baseExprs[jsBaseIndex(cx, baseExprs)];
  if (superClass !== null && mixedBase === null && jsBaseExpr !== undefined && isEnumClassDef(cx, s) && !isEnumBase(cx, jsBaseExpr) && !knownEnumClass(cx, jsBaseExpr)) {
    superClass = { k: "call", callee: cx.rt("iterableBase"), args: [superClass] };
  }
  const bindings = cx.fn.scope.bindings.get(s.name) ?? [];
  // (a `nonlocal`/`global` name is the enclosing scope's variable: the class is assigned to it)
  const ownName = !cx.fn.scope.nonlocals.has(s.name) && !cx.fn.scope.globals.has(s.name);
  // (a name JS keeps for itself, `Error` or `Map`, is bound as `Error_`: a class expression keeps the class's own name)
  const declaration = !nested && s.decorator_list.length === 0 && bindings.length === 1 && bindings[0]!.topLevel && !withMetaclass && ownName && jsName(s.name) === s.name;
  // Python names a class by its path: `Outer.Node`, `make.<locals>.Node` (its repr shows it too).
  const path = qualname(cx.scopeOf(s));
  if (path !== s.name) members.push({ k: "property", name: "__qualname__", isStatic: true, value: { k: "str", value: path } });
  // A class body that waits is finished after the class is made (class-awaits.ts).
  const waits = staticsAwait(members);
  const classRef: ir.Expr = { k: "id", name: declaration || !waits ? s.name : cx.temp(`${s.name}_class`) };
  const deferred = waits ? deferAwaitingStatics(members, classRef) : null;
  if (deferred && nested) return cx.unsupported(s, "a class nested in a class body whose own body waits (asyncio.run, an import of a module whose body awaits)");
  if (deferred) {
    members.splice(0, members.length, ...deferred.members);
    if (declaration) {
      cx.fn.declared.add(s.name);
      return [{ k: "class", name: s.name, superClass, members, loc: cx.loc(s) }, ...deferred.after];
    }
    const made: ir.Stmt = { k: "decl", kind: "const", name: (classRef as { name: string }).name, init: { k: "classExpr", name: s.name, superClass, members, loc: cx.loc(s) }, loc: cx.loc(s) };
    let value = metaclassCreation(cx, s, classRef, withMetaclass);
    if (dataclassDecorator) value = applyDataclass(cx, s, dataclassDecorator, value);
    const others = s.decorator_list.filter((d) => d !== dataclassDecorator);
    return [made, ...deferred.after, bindName(cx, s.name, decorate(cx, others, value), cx.loc(s))];
  }
  if (nested) {
    const value = metaclassCreation(cx, s, { k: "classExpr", name: s.name, superClass, members, loc: cx.loc(s) }, withMetaclass);
    const dataclassed = dataclassDecorator ? applyDataclass(cx, s, dataclassDecorator, value) : value;
    return decorate(cx, s.decorator_list.filter((d) => d !== dataclassDecorator), dataclassed);
  }
  if (declaration) {
    cx.fn.declared.add(s.name);
    return [{ k: "class", name: s.name, superClass, members, loc: cx.loc(s) }];
  }
  // A decorated (or conditional) class is a class expression bound to the name.
  let value = metaclassCreation(cx, s, { k: "classExpr", name: s.name, superClass, members, loc: cx.loc(s) }, withMetaclass);
  if (dataclassDecorator) value = applyDataclass(cx, s, dataclassDecorator, value);
  const others = s.decorator_list.filter((d) => d !== dataclassDecorator);
  return [bindName(cx, s.name, decorate(cx, others, value), cx.loc(s))];
}

/** A base naming an enumeration of this module (`class Ord(AutoName)`). */
function knownEnumClass(cx: LowerContext, base: py.Expr): boolean {
  const known = base._type === "Name" ? cx.knownBinding(base.id) : null;
  return known?.k === "class" && isEnumClassDef(cx, known.def);
}

/**
 * A base the emitted TypeScript types as `any`: a class imported from another module of the
 * program (`from shapes import Shape`, `shapes.Shape`), or one `type(name, bases, ns)` made.
 */
function isUntypedBase(cx: LowerContext, base: py.Expr | undefined): boolean {
  if (base === undefined) return false;
  if (base._type === "Attribute") {
    let root: py.Expr = base.value;
    while (root._type === "Attribute") root = root.value;
    return root._type === "Name" && cx.programModuleNames.has(root.id);
  }
  if (base._type !== "Name" || cx.resolve(base.id) !== cx.moduleScope || cx.knownBinding(base.id)?.k === "class") return false;
  const bindings = cx.moduleScope.bindings.get(base.id) ?? [];
  return bindings.some((b) => {
    const st = b.stmt;
    if (st?._type === "ImportFrom") return isProgramModule(cx, absoluteModule(cx, st));
    const value = st?._type === "Assign" ? st.value : null;
    return value?._type === "Call" && value.func._type === "Name" && value.func.id === "type" && value.args.length === 3;
  });
}

/**
 * A class made by a metaclass: `createClass(class C {...}, Meta, kw({...}))` runs the
 * metaclass's `__new__` and `__init__` (a subclass passes null: its base's metaclass).
 */
function metaclassCreation(cx: LowerContext, s: py.ClassDef, value: ir.Expr, withMetaclass: boolean): ir.Expr {
  if (!withMetaclass) return value;
  const metaclass = s.keywords.find((k) => k.arg === "metaclass");
  const others = s.keywords.filter((k) => k !== metaclass);
  const args: ir.Expr[] = [value, metaclass ? lowerExpr(cx, metaclass.value) : { k: "null" }];
  if (others.length) args.push(...(lowerArgs(cx, { args: [], keywords: others }) as ir.Expr[]));
  return { k: "call", callee: cx.rt("createClass"), args, loc: cx.loc(s) };
}

/** A statement directly in a class body (`if`, `for`, `try`, `del`, a call...). */
function classBodyStatement(cx: LowerContext, cls: py.ClassDef, stmt: py.Stmt, members: ir.ClassMember[], attributes: { name: string }[]): ir.ClassMember[] {
  const scope = cx.scopeOf(cls);
  const declared = new Set(members.flatMap((m) => ((m.k === "property" || m.k === "method") && m.isStatic ? [m.name] : [])));
  const out: ir.ClassMember[] = [];
  for (const name of boundNames(stmt)) {
    if (!scope.bindings.has(name) || declared.has(functionKey(name))) continue;
    out.push({ k: "property", name: functionKey(name), isStatic: true, type: { k: "any" }, value: null });
    if (!attributes.some((a) => a.name === name)) attributes.push({ name });
  }
  const saved = cx.classBody;
  cx.classBody = scope;
  try {
    const before = cx.fn.before.length;
    const body = lowerStmt(cx, stmt);
    const hoisted = cx.fn.before.splice(before);
    out.push({ k: "staticBlock", body: [...hoisted, ...body] });
  } finally {
    cx.classBody = saved;
  }
  return out;
}

/**
 * `constructor(...args) { initInstance(this, args); }`: runs whichever `__init__` the MRO
 * picks; in a module with `__new__`, `return constructInstance(this, args)` asks it first.
 */
function rootConstructor(cx: LowerContext, withNew: boolean, callSuper = false): ir.ClassMember {
  const run: ir.Expr = { k: "call", callee: cx.rt(withNew ? "constructInstance" : "initInstance"), args: [{ k: "this" }, { k: "id", name: "args" }] };
  const body: ir.Stmt[] = [withNew ? { k: "return", arg: run } : { k: "expr", expr: run }];
  if (callSuper) body.unshift({ k: "expr", expr: { k: "call", callee: { k: "id", name: "super" }, args: [] } });
  const fn: ir.FunctionIr = { name: null, params: [{ name: "args", rest: true, type: { k: "array", element: { k: "any" } } }], body, generator: false, async: false };
  return { k: "method", name: "constructor", kind: "constructor", isStatic: false, fn };
}

/**
 * A class attribute is a static property, in its place among the members; names the class
 * body bound before it are read from the class (`this` in a static initializer).
 */
function classAttribute(cx: LowerContext, cls: py.ClassDef, name: string, value: py.Expr, members: ir.ClassMember[]): { name: string } {
  const saved = cx.classBody;
  cx.classBody = cx.scopeOf(cls);
  try {
    // `any`: Python lets later code rebind a class attribute to a value of another type.
    let lowered = lowerExpr(cx, value);
    // In an enumeration's body a member's value is resolved as it is bound (`auto()`).
    if (isEnumClassDef(cx, cls)) lowered = { k: "call", callee: { k: "member", object: cx.rt("enum"), property: "memberValue" }, args: [{ k: "this" }, { k: "str", value: name }, lowered] };
    const key = functionKey(name);
    if (members.some((m) => m.k === "property" && m.isStatic && m.name === key)) {
      // Bound again (`x = x.setter(f)`): one static field per name, then an assignment in place.
      const rebind: ir.Expr = { k: "assign", op: "=", target: { k: "member", object: { k: "this" }, property: key }, value: lowered };
      members.push({ k: "staticBlock", body: [{ k: "expr", expr: rebind, loc: cx.loc(value) }] });
    } else {
      members.push({ k: "property", name: key, isStatic: true, type: { k: "any" }, value: lowered, loc: cx.loc(value) });
    }
  } finally {
    cx.classBody = saved;
  }
  return { name };
}

/**
 * Does the class (or a base) have defs decorated as a whole at run time (generalDecorated, or
 * `@singledispatchmethod`)? Their class attributes are read off the class (`Cls.area.register`).
 */
function dispatchesMethods(cx: LowerContext, cls: py.ClassDef, depth: number): boolean {
  if (depth > 16) return false;
  const own = generalDecorated(cls).size > 0 || cls.body.some((st) => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.decorator_list.some((d) => decoratorName(d)?.endsWith("singledispatchmethod")));
  if (own) return true;
  return cls.bases.some((b) => {
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    return known?.k === "class" && known.def !== cls && dispatchesMethods(cx, known.def, depth + 1);
  });
}

/** A class-object method's signature with its receiver first (a stand-in for a static method). */
function receiverFirst(sig: Signature, isStatic: boolean): Signature {
  if (!isStatic) return sig;
  return { ...sig, positional: [{ name: "$receiver", hasDefault: false, positionalOnly: true }, ...sig.positional] };
}
