-- POST /graphql: the anonymous first page of the feed with the same fields as REST compat's
-- video_list (30 videos, their authors and counts), so its figure stands next to "feed".
-- Set BENCH_GRAPHQL_COMMENTS=3 (or GRAPHQL_COMMENTS before loading it, as graphql_feed_comments.lua
-- does) to also ask for the first comments of each video with their authors.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local user = "id name followCount followerCount isFollow avatar backgroundImage signature totalFavorited workCount favoriteCount"
local comments = tonumber(GRAPHQL_COMMENTS or os.getenv("BENCH_GRAPHQL_COMMENTS") or "0")
local extra = comments > 0 and (" comments(first: " .. comments .. ") { nodes { id content createdAt user { " .. user .. " } } }") or ""
local query = "{ feed(first: 30) { nodes { id title playUrl coverUrl favoriteCount commentCount isFavorite author { "
  .. user .. " }" .. extra .. " } pageInfo { hasNextPage endCursor } } }"

function init(args)
  local body = '{"query":"' .. query:gsub('"', '\\"') .. '"}'
  req = wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" }, body)
end

function request()
  return req
end

-- A GraphQL answer succeeds with HTTP 200 and no "errors" member.
function response(status, headers, body)
  if status ~= 200 or not body or body:find('"errors"', 1, true) or not body:find('"feed"', 1, true) then
    bad = bad + 1
    if sample == "" then sample = tostring(status) .. " " .. (body or ""):sub(1, 200) end
  end
end
