print [1]
async def main():
    b = await x + 1 1
