// `obj.method(...)` where some class of the program defines `method` but obj's class may
// not: the direct JS call would fail with a JS TypeError ("obj.method is not a function").
// Such calls are emitted as `(obj?.method ?? noMethod(obj, "method")).call(obj, ...)`: when
// the method is missing `noMethod` raises CPython's AttributeError (or TypeError for an
// attribute holding None) before the arguments are evaluated, as CPython looks the attribute
// up first.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { currentClass } from "./classes.js";
import { methodOf, receiverClass } from "./calls.js";
import { isRuntimeValue } from "./runtime-values.js";
import { declareTemp } from "./expressions.js";

/** The receiver's class is known to have the method: `self` in its class, `x = Cls()`. */
function knownToHave(cx: LowerContext, f: py.Attribute): boolean {
  const receiver = f.value;
  // `Cls(...).method()`: an instance of the known class made on the spot.
  if (receiver._type === "Call") {
    const made = receiverClass(cx, receiver, f.attr);
    return made !== null && methodOf(cx, made, f.attr) !== null;
  }
  if (receiver._type !== "Name") return false;
  if (receiver.id === cx.fn.selfName) {
    // A method read through its class (`A.method(b)`) may run with any `self`.
    if (cx.fn.classMethod || cx.classReadMethodNames.has(cx.fn.scope.name)) return false;
    const cls = currentClass(cx);
    return cls !== null && methodOf(cx, cls, f.attr) !== null;
  }
  // `Cls.method()` on a class that defines it (a class or static method).
  const known = cx.knownBinding(receiver.id);
  const cls = known?.k === "class" ? known.def : receiverClass(cx, receiver, f.attr);
  return cls !== null && methodOf(cx, cls, f.attr) !== null;
}

function mayLackMethod(cx: LowerContext, f: py.Attribute): boolean {
  if (!cx.methodNames.has(f.attr)) return false;
  if (isRuntimeValue(cx, f.value)) return false;
  if (f.value._type === "Name" && cx.resolve(f.value.id) === null) return false;
  return !knownToHave(cx, f);
}

/** The call `obj.m(...)` lowered as `call`, guarded when obj's class may lack `m`. */
export function guardMethodCall(cx: LowerContext, e: py.Call, call: ir.Expr): ir.Expr {
  const f = e.func;
  if (f._type !== "Attribute" || call.k !== "call" || call.callee.k !== "member" || call.callee.optional) return call;
  // A spread call goes to the runtime's spreadMethod (any number of values), which looks the method up itself.
  if (!mayLackMethod(cx, f) || call.args.some((a) => a.k === "spread")) return call;
  const member = call.callee;
  // `x.__len__()`: a dunder may also be the built-in type's or object's (`x.__eq__(y)`).
  if (/^__.*__$/.test(f.attr)) return { k: "call", callee: cx.rt("callMethod"), args: [member.object, { k: "str", value: f.attr }, ...call.args], loc: call.loc };
  // The receiver is read three times: anything but a name is evaluated once, into a temporary.
  let receiver = member.object;
  let first = receiver;
  if (f.value._type !== "Name") {
    const tmp = cx.temp("obj");
    declareTemp(cx, tmp);
    receiver = { k: "id", name: tmp };
    first = { k: "assign", op: "=", target: receiver, value: member.object };
  }
  const missing: ir.Expr = { k: "call", callee: cx.rt("noMethod"), args: [receiver, { k: "str", value: f.attr }], loc: call.loc };
  const method: ir.Expr = { k: "logical", op: "??", left: { ...member, object: first, optional: true }, right: missing };
  return { k: "call", callee: { k: "member", object: method, property: "call" }, args: [receiver, ...call.args], loc: call.loc };
}
