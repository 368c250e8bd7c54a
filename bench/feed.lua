-- GET /douyin/feed/ without a token: the newest 30 videos (the anonymous first page).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

function init(args)
  req = wrk.format("GET", "/douyin/feed/")
end

function request()
  return req
end
