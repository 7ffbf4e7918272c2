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

-- Lines of FILE that belong to this thread (every nthreads-th line).
function bench.lines_for_thread(file)
  local all = {}
  for line in io.lines(file) do
    if line ~= "" then table.insert(all, line) end
  end
  local mine = {}
  for i = tid + 1, #all, nthreads do table.insert(mine, all[i]) end
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

-- Counts answers whose status or Location differs from what the case expects.
unexpected = 0
wrapped = 0
function bench.check(status, headers, expected_status, location_prefix)
  if status ~= expected_status then
    unexpected = unexpected + 1
    return
  end
  if location_prefix then
    local location = headers["Location"] or headers["location"] or ""
    if location:sub(1, #location_prefix) ~= location_prefix then unexpected = unexpected + 1 end
  end
end

function done(summary, latency, requests)
  local unexpected_total, wrapped_total, consumed = 0, 0, 0
  for _, thread in ipairs(threads) do
    local used = thread:get("item_index") or 0
    consumed = math.max(consumed, used * thread:get("nthreads"))
    unexpected_total = unexpected_total + (thread:get("unexpected") or 0)
    wrapped_total = wrapped_total + (thread:get("wrapped") or 0)
  end
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
    '"wrapped":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, unexpected_total, wrapped_total, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end

return bench
