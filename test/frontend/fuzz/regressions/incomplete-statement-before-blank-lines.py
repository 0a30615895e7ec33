global 
# comment

async def main():
    pass
