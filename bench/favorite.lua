-- POST /douyin/favorite/action/ (form: token, video_id, action_type), so that the writes are real:
-- requests go in blocks of 256; an even block likes 256 fresh (user, video) pairs, the next odd
-- block unlikes the same pairs. 256 requests later the like has long been answered (a thread has at
-- most connections/threads requests in flight), so each unlike removes a row and each like adds one,
-- except for the ~1% of pairs the seed already liked. Pairs differ across threads and runs
-- (per-run salt), users rotate over every logged-in token, videos over all 1..max.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local BLOCK = 256

function init(args)
  _, tokens = bench.load_tokens()
  thread_no = wrk.thread:get("thread_index") or 1
  salt = (os.time() * 7919) % bench.max_video
  i = -1
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
end

function request()
  i = i + 1
  local block = math.floor(i / BLOCK)
  local pair = math.floor(block / 2) * BLOCK + (i % BLOCK)
  local action = (block % 2 == 0) and 1 or 2
  local token = tokens[(pair % #tokens) + 1]
  local video = 1 + (salt + (thread_no - 1) * 50021 + pair) % bench.max_video
  local body = string.format("token=%s&video_id=%d&action_type=%d", token, video, action)
  return wrk.format("POST", "/douyin/favorite/action/", headers, body)
end
