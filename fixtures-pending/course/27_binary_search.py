import bisect


def binary_search(items, target):
    lo, hi = 0, len(items) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid, steps
        elif items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps


nums = list(range(0, 100, 3))
for t in [0, 27, 99, 50, 98]:
    print(t, binary_search(nums, t))
print(bisect.bisect_left(nums, 27), bisect.bisect_right(nums, 27), bisect.bisect(nums, 28))
scores = [60, 70, 80, 90]
grades = "FDCBA"
print([grades[bisect.bisect(scores, s)] for s in [33, 99, 77, 70, 89, 90, 100]])
sorted_list = []
for x in [5, 1, 4, 1, 3]:
    bisect.insort(sorted_list, x)
print(sorted_list)
