-- wrk script for bench/checkins.sh: POST /api/v1/study/episodes/{e}/checkins with a distinct
-- (episode, member) pair each request, spread over wrk's threads. Reads the episodes and the
-- members from the files the script wrote, and the bearer token from TJ_TOKEN.
local episodes, members = {}, {}
for line in io.lines(os.getenv("TJ_EPISODES")) do episodes[#episodes + 1] = line end
for line in io.lines(os.getenv("TJ_MEMBERS")) do members[#members + 1] = line end
local token = os.getenv("TJ_TOKEN")
local threads, counter = 0, 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  counter = offset
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  local m = counter % #members
  local e = math.floor(counter / #members) % #episodes
  counter = counter + 2  -- two wrk threads: even and odd pairs
  return wrk.format(nil, "/api/v1/study/episodes/" .. episodes[e + 1] .. "/checkins", nil,
                    '{"member_id":' .. members[m + 1] .. '}')
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000,
                         latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
