-- Shared by the bench/*.lua scripts (loaded with dofile from each one).
-- Environment (set by bench/run.sh):
--   BENCH_TOKENS     file with "user_id token" lines of logged-in seeded users
--   BENCH_MAX_VIDEO  highest video id (seeded ids are 1..max)
--   BENCH_MAX_USER   highest user id
--   BENCH_NAME       scenario name printed in the RESULT line
-- Every answer is checked: HTTP 200 and "status_code":0 in the body, else it counts as "bad".

bench = {}

function bench.load_tokens()
  local ids, tokens = {}, {}
  local path = os.getenv("BENCH_TOKENS")
  if path then
    for line in io.lines(path) do
      local id, token = line:match("^(%d+)%s+(%S+)$")
      if id then ids[#ids + 1] = tonumber(id); tokens[#tokens + 1] = token end
    end
  end
  return ids, tokens
end

bench.max_video = tonumber(os.getenv("BENCH_MAX_VIDEO") or "1")
bench.max_user = tonumber(os.getenv("BENCH_MAX_USER") or "1")

local threads = {}
local counter = 1

-- Main state: give every thread an index and keep it to collect counts at the end.
function setup(thread)
  thread:set("thread_index", counter)
  thread:set("bad", 0)
  thread:set("sample", "")
  counter = counter + 1
  table.insert(threads, thread)
end

bad = 0
sample = ""

function response(status, headers, body)
  if status ~= 200 or not body or not body:find('"status_code":0', 1, true) then
    bad = bad + 1
    if sample == "" then sample = tostring(status) .. " " .. (body or ""):sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local total_bad, samples = 0, ""
  for _, t in ipairs(threads) do
    total_bad = total_bad + (t:get("bad") or 0)
    local s = t:get("sample")
    if s and s ~= "" and samples == "" then samples = s end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "RESULT %s rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d bad=%d socket_errors=%d http_errors=%d\n",
    os.getenv("BENCH_NAME") or "?",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, total_bad, socket_errors, e.status))
  if samples ~= "" then io.write("FIRST_BAD " .. samples:gsub("\n", " ") .. "\n") end
end
