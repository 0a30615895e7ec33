def call_in_except():
        {}["issing".
    except KeyError: