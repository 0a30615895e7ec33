try:
    sys.exit()
except 

print(1)
