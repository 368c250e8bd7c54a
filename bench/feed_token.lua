-- GET /douyin/feed/?token=..: the newest 30 videos with is_follow / is_favorite for the viewer,
-- rotating over the logged-in seeded users.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

function init(args)
  local _, tokens = bench.load_tokens()
  reqs = {}
  for i, token in ipairs(tokens) do
    reqs[i] = wrk.format("GET", "/douyin/feed/?token=" .. token)
  end
  n = wrk.thread:get("thread_index") or 1
end

function request()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end
