 \
rows = 1
