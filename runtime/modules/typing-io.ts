// typing.IO, TextIO and BinaryIO's interface: CPython declares each method and property
// abstract with a `pass` body, so a subclass overrides what it provides and the rest answer None.
import { functionKey } from "../lang/attr-names.js";
import { PyProperty, readThroughDescriptor, shareDescriptor } from "../lang/descriptors.js";

/** A function whose body is `pass`, marked as `@abstractmethod` marks it. */
function abstractPass(name: string): () => null {
  const body = function (): null {
    return null;
  };
  Object.defineProperty(body, "name", { value: name });
  (body as { __isabstractmethod__?: boolean }).__isabstractmethod__ = true;
  return body;
}

/** Gives `cls` the abstract `methods` and read-only `properties` (space-separated names). */
export function abstractInterface(cls: Function, methods: string, properties: string): void {
  for (const name of methods.split(" ").filter(Boolean)) {
    Object.defineProperty(cls.prototype, name, { value: abstractPass(name), writable: true, configurable: true });
  }
  for (const name of properties.split(" ").filter(Boolean)) {
    const property = new PyProperty(abstractPass(name));
    property.__set_name__(cls, name);
    Object.defineProperty(cls, functionKey(name), { value: property, writable: true, configurable: true });
    shareDescriptor(cls, name, property);
    readThroughDescriptor(cls, functionKey(name), property);
  }
}
