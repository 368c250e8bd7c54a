-- POST /graphql: the first page of followingFeed (30 videos with the same fields as graphql_feed),
-- rotating over the logged-in seeded users. Set BENCH_GRAPHQL_FIELD=feed (as graphql_feed_token.lua
-- does) to ask the main feed with the same tokens and fields, for the ratio between the two.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local field = GRAPHQL_FIELD or os.getenv("BENCH_GRAPHQL_FIELD") or "followingFeed"
local user = "id name followCount followerCount isFollow avatar backgroundImage signature totalFavorited workCount favoriteCount"
local query = "{ " .. field .. "(first: 30) { nodes { id title playUrl coverUrl favoriteCount commentCount isFavorite author { "
  .. user .. " } } pageInfo { hasNextPage endCursor } } }"

function init(args)
  local _, tokens = bench.load_tokens()
  local body = '{"query":"' .. query:gsub('"', '\\"') .. '"}'
  reqs = {}
  for i, token in ipairs(tokens) do
    reqs[i] = wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
  end
  n = wrk.thread:get("thread_index") or 1
end

function request()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end

-- A GraphQL answer succeeds with HTTP 200 and no "errors" member.
function response(status, headers, body)
  if status ~= 200 or not body or body:find('"errors"', 1, true) or not body:find('"' .. field .. '"', 1, true) then
    bad = bad + 1
    if sample == "" then sample = tostring(status) .. " " .. (body or ""):sub(1, 200) end
  end
end
