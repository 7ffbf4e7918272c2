-- POST /creer-conf: the full booking, one prepared login token per request (BENCH_DATA: raw
-- tokens, one a line). A token used twice no longer books: such answers count as unexpected, and
-- "wrapped" says the prepared tokens ran out.
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")

function request()
  bench.mark()
  return wrk.format(nil, nil, nil, "token=" .. bench.next_item())
end

function response(status, headers, body)
  bench.check(status, headers, 303, "/conferences/")
end
