-- wrk script: every request as one of the signed-in people (or respondents) in $SESSIONS (lines
-- "cookie<TAB>token"), picked in turn. POST sends that person's anti-forgery token with a form:
-- FORM=check-in (the default) rates a life area; FORM=answer writes an answer on a public page,
-- each request from an address of its own (X-Forwarded-For, the server trusting 127.0.0.1 as
-- its proxy), as respondents on many phones would.
local sessions = {}
for line in io.lines(os.getenv("SESSIONS")) do
  local cookie, token = line:match("^(.-)\t(.*)$")
  sessions[#sessions + 1] = { cookie = cookie, token = token }
end
local method = os.getenv("METHOD") or "GET"
local path = os.getenv("TARGET")
local form = os.getenv("FORM") or "check-in"
local turn = 0
local areas = { "home", "health", "work-and-learning", "money", "family-and-friends", "free-time-and-community", "everyday-life" }
local answers = {
  "Somewhere+quiet+to+work+with+other+people+around+me%2C+and+someone+to+ask+when+I+get+stuck.",
  "Un+sitio+tranquilo+donde+trabajar%2C+cerca+de+casa%2C+y+alguien+a+quien+preguntar.",
  "Lastenhoito+niin%C3%A4+tunteina%2C+kun+voisin+tehd%C3%A4+t%C3%B6it%C3%A4.",
  "Hulp+met+de+formulieren+voor+een+uitkering+en+iemand+die+de+belastingpapieren+uitlegt.",
}

request = function()
  turn = turn + 1
  local s = sessions[(turn % #sessions) + 1]
  if method == "POST" and form == "answer" then
    local body = "_csrf=" .. s.token .. "&text=" .. answers[(turn % #answers) + 1] .. "+" .. turn
    local address = string.format("10.%d.%d.%d", math.floor(turn / 65536) % 256, math.floor(turn / 256) % 256, turn % 256)
    return wrk.format("POST", path, { ["Cookie"] = s.cookie, ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Forwarded-For"] = address }, body)
  elseif method == "POST" then
    local body = "_csrf=" .. s.token .. "&rating-" .. areas[(turn % #areas) + 1] .. "=" .. ((turn % 10) + 1)
    return wrk.format("POST", path, { ["Cookie"] = s.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
  return wrk.format("GET", path, { ["Cookie"] = s.cookie })
end

-- A page that is not what was asked for (a sign-in redirect, an error) counts as unexpected.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

unexpected = 0
response = function(status, headers, body)
  local expected = (method == "POST") and 303 or 200
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do
    n = n + (thread:get("unexpected") or 0)
  end
  local e = summary.errors
  io.write(string.format("Unexpected: %d\n", n + e.connect + e.read + e.write + e.timeout))
end
