-- POST /graphql: the GraphQL feed of graphql_feed.lua plus the first 3 comments of each video
-- with their authors (REST's user fields), one request instead of REST's 1 + 30.
GRAPHQL_COMMENTS = 3
dofile(os.getenv("BENCH_DIR") .. "/graphql_feed.lua")
