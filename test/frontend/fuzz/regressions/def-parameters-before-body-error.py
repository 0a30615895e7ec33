async def f(*, **k):
  x y
