-- POST /valider-email with a distinct valid address per request (BENCH_RUN_ID keeps runs apart).
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local run_id = os.getenv("BENCH_RUN_ID") or "0"
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")

function request()
  counter = counter + 1
  local body = string.format(
    "email=bench.%s.%d.%d%%40example.gouv.fr&durationInMinutes=120&userTimezoneOffset=-60",
    run_id, tid, counter)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  bench.check(status, headers, 303, "/email-de-validation-envoye")
end
