-- wrk script for POST /v1/decisions: rotates the request bodies DecisionLoadBenchmark wrote (hold=…).
-- wrk ... -s decisions.lua http://127.0.0.1:PORT -- BODIES_DIR SERVICE_KEY
local bodies = {}
local headers = {}
local next_body = 0

function init(args)
  for k = 0, 63 do
    local file = io.open(args[1] .. "/body-" .. k .. ".json", "r")
    if file then
      bodies[#bodies + 1] = file:read("*a")
      file:close()
    end
  end
  assert(#bodies > 0, "no request bodies in " .. tostring(args[1]))
  headers["Authorization"] = "Bearer " .. args[2]
  headers["Content-Type"] = "application/json"
  -- Each of wrk's threads starts at its own body.
  next_body = math.random(#bodies) - 1
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/v1/decisions", headers, bodies[next_body])
end
