# a comment
x = 1  # trailing comment
pass; pass
x = 1;
if x:  # comment
    # inside
    pass

def f(
    a,  # first
    b,
):
    return (
        a
        + b
    )
y = [
    1,
    2,
]
z = {
    'a': 1,
}
s = "a" \
    "b"
t = x if \
    y else z
class K:

    def m(self): pass



w = (1 +
     2)
