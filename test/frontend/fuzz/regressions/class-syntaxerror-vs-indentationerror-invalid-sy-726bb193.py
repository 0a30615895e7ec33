for i in r:nge(3):
for i in r:nge(3):