async def co(x):
    async with a as b, :
        pass