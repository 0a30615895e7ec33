async def outer(inner_task):
    try:
        return await inner_task
        print("outer sees CancelledError from the inner task"
        return "outer recovered"