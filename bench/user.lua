-- GET /douyin/user/?user_id=..&token=..: a random user's profile as seen by a rotating viewer.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

function init(args)
  _, tokens = bench.load_tokens()
  math.randomseed(os.time() + (wrk.thread:get("thread_index") or 1) * 7919)
  n = 0
end

function request()
  n = n + 1
  local user = math.random(1, bench.max_user)
  return wrk.format("GET", string.format("/douyin/user/?user_id=%d&token=%s", user, tokens[(n % #tokens) + 1]))
end
