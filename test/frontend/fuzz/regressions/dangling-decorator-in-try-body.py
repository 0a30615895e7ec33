try:
 @  ord("ab")
