f(await a b)
