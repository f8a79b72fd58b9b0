-- report.lua - wrk script for bench.sh: each request submits one suspicious-purchase
-- report whose buyer is a listed OFAC name with one letter changed (so it is screened,
-- matched and raises an alert in the same transaction), as a till with a bearer token.
-- The token comes from the environment: BENCH_TOKEN.
local names = {}
for line in io.lines(os.getenv("BENCH_NAMES")) do
    names[#names + 1] = line
end
local token = os.getenv("BENCH_TOKEN")
local n = 0

request = function()
    n = n + 1
    local name = names[(n % #names) + 1]
    local pos = (n % #name) + 1
    name = name:sub(1, pos - 1) .. "x" .. name:sub(pos + 1)
    local body = '{"kind":"attempt","occurred_at":"2026-01-10T10:00:00Z",' ..
        '"substance":"hydrogen peroxide","concentration":35,"quantity":"4 x 5 L",' ..
        '"payment":"cash","buyer_name":"' .. name .. '","indicators":["nervous"]}'
    return wrk.format("POST", "/api/v1/reports", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }, body)
end
