-- GET of a fixed URL (wrk's fast path: no request() or response() callback); optional cookie from
-- BENCH_COOKIE.
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
