// The pyts runtime: everything emitted modules import (runtime/README.md).
export * from "./values/index.js";
export * from "./core/index.js";
export * from "./asyncio/index.js";
export * from "./modules/index.js";
export * from "./lang/index.js";
