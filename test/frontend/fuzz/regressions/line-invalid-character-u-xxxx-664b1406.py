def gen():
    ==
    y = yield from😀 z