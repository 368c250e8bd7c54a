-- GET /douyin/feed/?latest_time=..: a page deep in the feed (random cursor), anonymous.
-- Seeded videos are published over the last 30 days, so a random time in that window hits a full page.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

function init(args)
  local now = os.time() * 1000
  lo, span = now - 30 * 86400 * 1000, 30 * 86400 * 1000
  math.randomseed(os.time() + (wrk.thread:get("thread_index") or 1) * 7919)
end

function request()
  local t = lo + math.floor(math.random() * span)
  return wrk.format("GET", string.format("/douyin/feed/?latest_time=%d", t))
end
