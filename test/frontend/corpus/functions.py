def f(): pass
def g(a, b=1, *args, c, d=2, **kw) -> int:
    return a
def h(a, /, b, *, c): ...
def i(a=1, /, b=2): return
def j(*, k: int = 3, **rest: str): pass
def k(a: int, b: "s" = None, *c: tuple, d: int, **e: dict) -> None: pass
async def co(x):
    await x
    async for i in x:
        pass
    async with a as b, c:
        pass
    return [i async for i in x]
@dec
@dec.attr
@dec.call(1, k=2)
def decorated(self): pass
def gen():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from z
    await w
    return (yield)
