// The pyts runtime: everything emitted modules import (runtime/README.md).
export * from "./values/index.js";
export * from "./core/index.js";
export * from "./asyncio/index.js";
export * from "./modules/helpers.js";
// (scripts/bundle.mjs replaces this line: the bundle's standard-library modules load on first use)
export * from "./modules/stdlib.js";
export * from "./lang/index.js";

// Tracebacks name .py lines under `pyts run`. The process-wide handler for uncaught
// exceptions is installed by the program's entry module only (defineModule), so importing
// the runtime from a TypeScript host leaves the host's process alone.
import { installSourceMappedFrames } from "./lang/frames.js";
// object's `__sizeof__`, `__reduce_ex__`, `__dir__`... (registered once everything they use is loaded)
import "./lang/object-methods.js";
// (`slice.start`, `OSError.filename`: the descriptors of built-in classes, once they all exist)
import "./lang/builtin-declared-attributes.js";
installSourceMappedFrames();
// `pyts run --timeline` records the event loop (PYTS_TIMELINE names the output).
import { startTimelineFromEnvironment } from "./timeline/index.js";
startTimelineFromEnvironment();
export { awaitPending, mainThreadDone } from "./threads/scheduler.js";
export { consumeWaiting, initialized, pendingInit, setProperty, setterWaits, waitingIterator } from "./threads/waiting-calls.js";
export { threadSleep } from "./modules/time.js";
export { threadUrlopen } from "./modules/urllib.js";
export { threadIterator } from "./modules/concurrent-futures.js";
export { withWaitingKey } from "./values/sorting.js";
export { sortWaitingKey, waitingFilter, waitingMap, waitingReduce } from "./threads/waiting-callbacks.js";
export { replayable, replayableMethods, replayMethod, replayNew, replayWaits, waitingPrint } from "./threads/replay.js";
export { waitingArray, waitingChain, waitingCompress, waitingCycle, waitingTee, waitingIslice, waitingMerge, waitingPairwise, waitingUnpackItems, waitingYieldFrom, waitingZipLongest } from "./threads/waiting-lazy.js";
export { waitingAccumulate, waitingAll, waitingAny, waitingDropwhile, waitingEnumerate, waitingFilterfalse, waitingFilterOver, waitingGenerator, waitingGroupby, waitingMapOver, waitingStarmap, waitingTakewhile, waitingZip } from "./threads/waiting-iterators.js";
