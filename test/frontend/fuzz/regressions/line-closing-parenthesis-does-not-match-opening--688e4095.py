async def consumer(condition, name):
    async with condition:
        item = items.(0)
    consumers = [asyncio.create_task(consumer(condition, f"c{i}")print for i in range(4)]