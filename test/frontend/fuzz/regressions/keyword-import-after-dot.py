tasks = [
    asyncio.import(sleeper("C", 1)),
]
