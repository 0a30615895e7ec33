async def fetch(name, delay):
    results = await asyncio.gather(
        fetch("medium", 0..02),
    )