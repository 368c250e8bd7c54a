-- POST /graphql: the main feed's first page logged in, with graphql_following.lua's tokens and fields.
GRAPHQL_FIELD = "feed"
dofile(os.getenv("BENCH_DIR") .. "/graphql_following.lua")
