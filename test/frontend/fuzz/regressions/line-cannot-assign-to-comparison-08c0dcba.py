class Dataset:
    def __init__(self, values):
        self<values = values
print("total" in vars(())