-- wrk script of tests/bench/bench-api.sh: one line of figures at the end,
--   RESULT <requests> <seconds> <requests/s> <p50 ms> <p99 ms> <errors>
-- errors: connect, read, write and timeout errors and answers >= 400.
-- With BENCH_CREATES=N in the environment each thread POSTs up to N
-- one-resource stacks named <BENCH_PREFIX>-<thread>-<i> (bounded), then
-- stops; its rate is then connections / mean latency (BENCH_CONNS_PER_THREAD:
-- wrk's -c divided by -t).

local creates = tonumber(os.getenv("BENCH_CREATES") or "0")
CONNS_PER_THREAD = tonumber(os.getenv("BENCH_CONNS_PER_THREAD") or "1")
local prefix = os.getenv("BENCH_PREFIX") or "bench"
local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("tid", counter)
    table.insert(threads, thread)
end

local sent = 0
local answered = 0

function request()
    if creates == 0 then
        return wrk.request()
    end
    sent = sent + 1
    local body = '{"stack_name": "' .. prefix .. '-' .. tid .. '-' .. sent .. '", ' ..
        '"template": {"heat_template_version": "2018-08-31", ' ..
        '"resources": {"r": {"type": "OS::Heat::None"}}}}'
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
    answered = answered + 1
    if creates > 0 and answered >= creates then
        wrk.thread:stop()
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    local errors = e.connect + e.read + e.write + e.timeout + e.status
    local secs = summary.duration / 1e6
    local rate = summary.requests / secs
    if creates > 0 then
        -- the connections stopped before the run's end: their rate while
        -- they ran (Little's law on busy connections)
        rate = #threads * CONNS_PER_THREAD * 1e6 / latency.mean
    end
    io.write(string.format("RESULT %d %.3f %.1f %.3f %.3f %d\n", summary.requests, secs, rate,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
