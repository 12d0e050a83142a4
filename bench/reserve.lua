-- wrk script: POST /api/v1/reservations of qty 1 of one hot SKU, with a bearer token and a unique
-- Idempotency-Key per request (run id, thread id, counter). done() prints one BENCH_RESULT line.
-- Environment: BENCH_TOKEN, BENCH_SKU, BENCH_WAREHOUSE, BENCH_RUN_ID.
local token = os.getenv("BENCH_TOKEN") or ""
local sku = os.getenv("BENCH_SKU") or "BENCH-HOT"
local warehouse = os.getenv("BENCH_WAREHOUSE") or "BENCH-WH"
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())

local body = string.format('{"sku":"%s","warehouse":"%s","qty":1,"reference":"bench"}', sku, warehouse)
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
function request()
  counter = counter + 1
  headers["Idempotency-Key"] = run_id .. "-" .. tid .. "-" .. counter
  return wrk.format("POST", "/api/v1/reservations", headers, body)
end

-- status counts per thread, summed in done()
ok, other = 0, 0
function response(status, _, _)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, _)
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"ok":%d,"non2xx":%d,"connectErrors":%d,' ..
    '"readErrors":%d,"writeErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, total_ok, total_other, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50), latency:percentile(99)))
end
