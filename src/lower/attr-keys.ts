// The JS key of a Python attribute in emitted code: the rule of runtime/lang/attr-names.ts
// (names that mean something to JS are stored as `name$`), applied where the lowering knows
// whether the object is a function or class (`Person.name` -> `Person.name$`) or an instance
// (`self.name`). Where it cannot know and the key depends on it, the access goes through the
// runtime's getattr / setattr, which apply the same rule.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import { functionKey, isFunctionName, objectKey } from "../../runtime/lang/attr-names.js";
import { mangle } from "./classes.js";

/** The key of `receiver.attr`, or null when it depends on what the receiver is at run time. */
export function attributeKey(cx: LowerContext, receiver: py.Expr, attr: string): string | null {
  const name = mangle(cx, attr);
  if (!isFunctionName(name)) return objectKey(name);
  const kind = receiverKind(cx, receiver);
  if (kind === "function") return functionKey(name);
  if (kind === "instance") return objectKey(name);
  return null;
}

/** The key of an attribute defined in a class body: class attributes live on the class. */
export function classMemberKey(name: string, isStatic: boolean): string {
  return isStatic ? functionKey(name) : objectKey(name);
}

/** Is the receiver a name bound only to defs (a function object, whose static type has no attributes)? */
export function isFunctionReceiver(cx: LowerContext, receiver: py.Expr): boolean {
  if (receiver._type !== "Name" || cx.fn.selfName === receiver.id || cx.knownBinding(receiver.id)?.k === "class") return false;
  return receiverKind(cx, receiver) === "function";
}

function receiverKind(cx: LowerContext, e: py.Expr): "function" | "instance" | null {
  if (e._type !== "Name") return null;
  if (cx.fn.selfName === e.id) return cx.fn.classMethod ? "function" : "instance";
  const scope = cx.resolve(e.id);
  const bindings = scope?.bindings.get(e.id);
  if (bindings?.length && bindings.every((b) => b.kind === "def")) return "function";
  return null;
}
