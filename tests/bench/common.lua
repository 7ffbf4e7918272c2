-- Shared by the bench's wrk scripts (loaded with dofile): per-thread ids, data files split between
-- threads, status counting, and done() printing one "BENCH_JSON {...}" line that scripts/bench
-- parses. wrk runs one Lua state per thread, so counters travel through thread:get in done().
local bench = {}

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  thread:set("nthreads", tonumber(os.getenv("BENCH_THREADS") or "1"))
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- Lines of FILE that belong to this thread (every nthreads-th line); at most
-- BENCH_ITEMS_PER_THREAD of them when set (many threads need not each read a long file whole).
function bench.lines_for_thread(file)
  local cap = tonumber(os.getenv("BENCH_ITEMS_PER_THREAD") or "")
  local mine, index = {}, 0
  for line in io.lines(file) do
    if line ~= "" then
      if index % nthreads == tid then
        table.insert(mine, line)
        if cap and #mine >= cap then break end
      end
      index = index + 1
    end
  end
  return mine
end

-- The next line of the data file BENCH_DATA for this thread. Runs consume the file from its
-- start: done() writes how many lines were used to BENCH_CONSUMED, and scripts/bench drops them
-- before the next run (a login token or a conference serves once). When the lines run out, the
-- thread stops (the run is then shorter, and its rate still right) and "wrapped" says so.
item_index = 0
local items = nil
function bench.next_item()
  if not items then items = bench.lines_for_thread(os.getenv("BENCH_DATA")) end
  if #items == 0 then
    wrapped = 1
    wrk.thread:stop()
    return "exhausted"
  end
  item_index = item_index + 1
  if item_index >= #items then
    if wrapped == 0 then wrapped = 1 end
    wrk.thread:stop()
    item_index = #items
  end
  return items[item_index]
end

-- Pacing (optional): BENCH_PAUSE_MS makes each connection wait that long before its next request
-- (a probe at a bounded rate, not a saturating client); BENCH_RETRY_MS makes a client that got a
-- 503 wait that long before its next request (a polite client honouring "try again later", not one
-- hammering the 503 page). wrk calls delay() per connection before each request; the 503 count is
-- per thread, so a backoff goes to the next connection about to send, which is close enough for
-- a closed loop of identical clients.
local pause_ms = tonumber(os.getenv("BENCH_PAUSE_MS") or "") or 0
local retry_ms = tonumber(os.getenv("BENCH_RETRY_MS") or "") or 0
backoffs_pending = 0
if pause_ms > 0 or retry_ms > 0 then
  function delay()
    if backoffs_pending > 0 then
      backoffs_pending = backoffs_pending - 1
      return retry_ms
    end
    return pause_ms
  end
end

-- BENCH_TIMING=1, with one connection per thread (wrk -tN -cN: request() and response() then
-- alternate in each thread): every answer's latency, kept by status (LuaJIT's ffi reads the
-- monotonic clock). The script's request() calls bench.mark(); bench.check() takes the time.
local now_us = nil
if os.getenv("BENCH_TIMING") == "1" then
  local ffi = require("ffi")
  ffi.cdef([[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]])
  local ts = ffi.new("bench_timespec")
  now_us = function()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
  end
end
-- "status:us," per answer, in a string: done() reads it with thread:get, and wrk crashed copying
-- large nested tables between threads.
latency_text = ""
local sent_at = nil
function bench.mark()
  if now_us then sent_at = now_us() end
end

-- Counts answers whose status or Location differs from what the case expects, and every answer
-- by status. BENCH_ALSO_EXPECTED: one more status that is not unexpected (503 past a pool's
-- capacity in the slow-OVH cases).
unexpected = 0
wrapped = 0
statuses = {}
local also_expected = tonumber(os.getenv("BENCH_ALSO_EXPECTED") or "")
function bench.check(status, headers, expected_status, location_prefix)
  statuses[status] = (statuses[status] or 0) + 1
  if now_us and sent_at then
    latency_text = latency_text .. string.format("%d:%d,", status, now_us() - sent_at)
    sent_at = nil
  end
  if status == 503 and retry_ms > 0 then backoffs_pending = backoffs_pending + 1 end
  if status == also_expected then return end
  if status ~= expected_status then
    unexpected = unexpected + 1
    return
  end
  if location_prefix then
    local location = headers["Location"] or headers["location"] or ""
    if location:sub(1, #location_prefix) ~= location_prefix then unexpected = unexpected + 1 end
  end
end

-- BENCH_SPLIT_STATUS (e.g. 503): the latencies of the other answers, apart. wrk keeps one
-- histogram for all answers; when every answer of that status is faster than every other one (a
-- 503 from nginx's pool limit takes a millisecond, a booking waits at least OVH's delay), the
-- others are the slowest ranks, and their percentile q is the overall percentile
-- (fast + q * others) / all. "split_clean" checks that the boundary lies below BENCH_SPLIT_US.
local function split_json(latency, counts)
  local status = tonumber(os.getenv("BENCH_SPLIT_STATUS") or "")
  if not status then return "" end
  local all = 0
  for _, n in pairs(counts) do all = all + n end
  local fast = counts[status] or 0
  local others = all - fast
  if all == 0 then return "" end
  local function at(share) return latency:percentile(math.min(100, 100 * share / all)) end
  local boundary_us = tonumber(os.getenv("BENCH_SPLIT_US") or "") or 0
  local fast_p99 = fast > 0 and at(0.99 * fast) or 0
  -- (wrk's percentile p is the answer of rank round(p * count + 0.5): ranks fast and fast + 1,
  -- half a rank away from the rounding's edge)
  local fast_max = fast > 0 and at(fast - 0.5) or 0
  local slow_min = others > 0 and at(fast + 0.5) or 0
  local clean = (fast == 0 or fast_max < boundary_us) and (others == 0 or slow_min >= boundary_us)
  return string.format(
    ',"split":{"status":%d,"fast_count":%d,"fast_p99_us":%d,"others_count":%d,' ..
    '"others_p50_us":%d,"others_p99_us":%d,"others_max_us":%d,"split_clean":%s}',
    status, fast, fast_p99, others, others > 0 and at(fast + 0.5 * others) or 0,
    others > 0 and at(fast + 0.99 * others) or 0, others > 0 and latency.max or 0,
    clean and "true" or "false")
end

-- The by-status latencies of BENCH_TIMING: count, p50, p99 (nearest rank) and max per status.
local function by_status_json(lists)
  local parts = {}
  for status, list in pairs(lists) do
    table.sort(list)
    local n = #list
    local function rank(p) return list[math.max(1, math.ceil(p * n))] end
    table.insert(parts, string.format('"%d":{"count":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}',
      status, n, rank(0.50), rank(0.99), list[n]))
  end
  if #parts == 0 then return "" end
  table.sort(parts)
  return ',"by_status":{' .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local unexpected_total, wrapped_total, consumed = 0, 0, 0
  local counts, lists = {}, {}
  for _, thread in ipairs(threads) do
    local used = thread:get("item_index") or 0
    consumed = math.max(consumed, used * thread:get("nthreads"))
    unexpected_total = unexpected_total + (thread:get("unexpected") or 0)
    wrapped_total = wrapped_total + (thread:get("wrapped") or 0)
    for status, n in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + n
    end
    for status, us in string.gmatch(thread:get("latency_text") or "", "(%d+):(%d+),") do
      status = tonumber(status)
      local into = lists[status] or {}
      into[#into + 1] = tonumber(us)
      lists[status] = into
    end
  end
  local status_parts = {}
  for status, n in pairs(counts) do
    table.insert(status_parts, string.format('"%d":%d', status, n))
  end
  table.sort(status_parts)
  local consumed_file = os.getenv("BENCH_CONSUMED")
  if consumed_file and consumed_file ~= "" then
    local out = io.open(consumed_file, "w")
    out:write(string.format("%d\n", consumed))
    out:close()
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"unexpected":%d,' ..
    '"wrapped":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"statuses":{%s}%s%s}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, unexpected_total, wrapped_total, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, table.concat(status_parts, ","),
    split_json(latency, counts), by_status_json(lists)))
end

return bench
