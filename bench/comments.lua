-- GET /douyin/comment/list/?video_id=..: the comments of a random video, anonymous.
-- Seeded comments lean to recent videos; half the requests go to the newest 1,000 videos.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

function init(args)
  math.randomseed(os.time() + (wrk.thread:get("thread_index") or 1) * 7919)
end

function request()
  local video
  if math.random() < 0.5 then
    video = math.random(math.max(1, bench.max_video - 999), bench.max_video)
  else
    video = math.random(1, bench.max_video)
  end
  return wrk.format("GET", string.format("/douyin/comment/list/?video_id=%d", video))
end
