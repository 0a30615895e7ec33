async def holder nonlocal (lock, log):
        　await asyncio.sleep(0.01)