-- wrk script: every request as one of the signed-in people in $SESSIONS (lines "cookie<TAB>token"),
-- picked in turn; POST sends a check-in with that person's anti-forgery token.
local sessions = {}
for line in io.lines(os.getenv("SESSIONS")) do
  local cookie, token = line:match("^(.-)\t(.*)$")
  sessions[#sessions + 1] = { cookie = cookie, token = token }
end
local method = os.getenv("METHOD") or "GET"
local path = os.getenv("TARGET")
local turn = 0
local areas = { "home", "health", "work-and-learning", "money", "family-and-friends", "free-time-and-community", "everyday-life" }

request = function()
  turn = turn + 1
  local s = sessions[(turn % #sessions) + 1]
  if method == "POST" then
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
