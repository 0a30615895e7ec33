# Parenthesised with-items and targets that are not plain names
with (open(a) as f, open(b) as g):
    pass
with (
    open(a) as f,  # first
    open(b) as g,
):
    pass
with x as self.y, z as (a, b):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with a as [b, *c], d as e[0]:
    pass
with (yield_ctx()):
    pass
async def run():
    async with (lock as held, other):
        pass
    with open(p) as f, \
         open(q) as g:
        pass
