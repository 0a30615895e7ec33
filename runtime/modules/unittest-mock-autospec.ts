// unittest.mock.create_autospec: a mock that stands for a spec object (its attribute names, its
// call signature, and for a class the instances it makes).

import { splitKw, Kwargs } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { isClass } from "../values/typename.js";
import { builtinFunction } from "../values/builtin-type.js";
import { InvalidSpecError, specNames } from "./unittest-mock-guards.js";
import { MagicMock, type MockState, NonCallableMagicMock, NonCallableMock, STATE } from "./unittest-mock.js";

/** Makes `mock` stand for `spec`: its attribute names, its call signature, its instances. */
export function autospecOf(mock: any, spec: unknown, specSet: boolean, instance: boolean, skipSelf = false): void {
  const state: MockState = mock[STATE];
  state.autospec = spec;
  state.spec = specNames(spec);
  state.specSet = specSet;
  state.instance = instance;
  state.checksSelf = skipSelf;
  if (isClass(spec) && !instance) {
    const made = new NonCallableMagicMock();
    autospecOf(made, spec, specSet, true);
    made[STATE].name = "()";
    made[STATE].parent = mock;
    state.returnValue = made;
  }
}

/** `create_autospec(spec, spec_set=False, instance=False, **kwargs)`. */
function create_autospec(...args: unknown[]): any {
  const [pos, kw] = splitKw(args);
  const spec = pos[0] ?? kw["spec"];
  if (spec instanceof NonCallableMock) throw new InvalidSpecError(`Cannot autospec a Mock object. [object=${repr(spec)}]`);
  const specSet = Boolean(pos[1] ?? kw["spec_set"] ?? false);
  const instance = Boolean(pos[2] ?? kw["instance"] ?? false);
  const callable = typeof spec === "function" && !instance;
  const options = Object.fromEntries(Object.entries(kw).filter(([k]) => !["spec", "spec_set", "instance"].includes(k)));
  const mock = callable ? new MagicMock(new Kwargs(options)) : new NonCallableMagicMock(new Kwargs(options));
  autospecOf(mock, spec, specSet, instance);
  return mock;
}

export const createAutospec = builtinFunction(create_autospec, "create_autospec");
