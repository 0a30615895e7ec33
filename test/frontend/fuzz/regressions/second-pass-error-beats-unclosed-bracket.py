a<b = 1
x = (
