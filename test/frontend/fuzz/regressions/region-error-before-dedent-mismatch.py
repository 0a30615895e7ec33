async def spinner(name, rounds):
    for i in range(as):
        log.append(1)
   value = 2
