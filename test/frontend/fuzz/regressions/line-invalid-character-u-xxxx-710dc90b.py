print [1]
    c = await x.y[’1](2) * 3 < 4 and 5