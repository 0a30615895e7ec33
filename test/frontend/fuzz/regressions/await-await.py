async def f():
    await await g()
    // e
