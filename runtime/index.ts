// The pyts runtime: everything emitted modules import (runtime/README.md).
export * from "./values/index.js";
export * from "./core/index.js";
export * from "./asyncio/index.js";
export * from "./modules/index.js";
export * from "./lang/index.js";

// An uncaught Python exception prints a traceback and exits 1, as python3 does.
import { installExceptionHook } from "./values/traceback.js";
import { installSourceMappedFrames } from "./lang/frames.js";
installExceptionHook();
installSourceMappedFrames();
