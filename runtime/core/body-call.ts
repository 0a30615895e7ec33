// Calls an emitted body (`function* () {...}`, a fresh closure per call) to get its generator.
// V8 gives each generator-function closure its own `prototype` object, made on first call, and
// so a new hidden class for its generator: ~500 bytes and a megamorphic site per coroutine.
// Pointing the closure at one shared prototype first avoids both; generators behave the same.

const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {}) as object;

/** Inherits %GeneratorPrototype% (next, throw, return, Symbol.iterator), as a body's own would. */
const SHARED_BODY_PROTOTYPE: object = Object.create(
  Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as object,
);

export function callBody<G>(body: () => G): G {
  // Arrow functions (`() => this._body()`) and bound functions have no prototype: left alone.
  if (Object.getPrototypeOf(body) === GeneratorFunctionPrototype && Object.hasOwn(body, "prototype")) {
    (body as unknown as { prototype: object }).prototype = SHARED_BODY_PROTOTYPE;
  }
  return body();
}
