// The classes CPython's event loop derives from, as bases of the running loop's class: Python
// code sees them in `type(loop).__mro__` and in `isinstance(loop, asyncio.AbstractEventLoop)`.

/** `asyncio.AbstractEventLoop` (asyncio.events): the interface every event loop has. */
export class AbstractEventLoop {
  static readonly __module__: string = "asyncio.events";
}

/** `asyncio.BaseEventLoop` (asyncio.base_events): the loop's machinery in CPython. */
export class BaseEventLoop extends AbstractEventLoop {
  static readonly __module__: string = "asyncio.base_events";
}

/** asyncio.selector_events' base of the selector loops. */
export class BaseSelectorEventLoop extends BaseEventLoop {
  static readonly __module__: string = "asyncio.selector_events";
}
