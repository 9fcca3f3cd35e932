-- wrk's script for scripts/bench-gateway.sh: POST /api/v1/verify with a body drawn at random per request from the
-- bodies file given after "--" (written by the gateway benchmark's RequestFiles), and the figures as one JSON line.
local started = 0

function setup(thread)
  started = started + 1
  thread:set("id", started)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  local bodies = dofile(args[1])
  requests = {}
  for i, body in ipairs(bodies) do
    requests[i] = wrk.format("POST", "/api/v1/verify", { ["Content-Type"] = "application/json" }, body)
  end
end

function request()
  return requests[math.random(#requests)]
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format('{"client": "wrk", "mode": "rest", "requests": %d, "seconds": %.1f, "rps": %.1f, '
    .. '"p50_ms": %.3f, "p99_ms": %.3f, "errors": %d}\n', summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
