-- POST /conferences/{id}/annuler, one prepared conference per request (BENCH_DATA: ids, one a
-- line). "wrapped" says the prepared conferences ran out (a second cancel is cheaper).
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")

function request()
  return wrk.format(nil, "/conferences/" .. bench.next_item() .. "/annuler", nil, "")
end

function response(status, headers, body)
  bench.check(status, headers, 303, "/")
end
