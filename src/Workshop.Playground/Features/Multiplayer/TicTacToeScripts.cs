namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// The Lua scripts of <see cref="RedisTicTacToeServer"/>: every check-and-change of a game runs atomically in Redis,
/// so two instances acting on one game at once never break a rule or a bound. Keys (prefix <c>P</c>, game <c>G</c>):
/// the game hash <c>P game:G</c> (b board, t turn, w winner, l left, kX/kO SHA-256 of the seats' tokens, cX/cO the
/// connection holding each seat, gX/gO the end of a vanished player's grace in Redis milliseconds, cr creator,
/// v version: Redis TIME in ms at creation, then one up per change, so a game created after a restart of an empty Redis
/// never counts below one of before), its places <c>P game:G:places</c> (connection id → p player or s spectator), the open games
/// <c>P games</c> and one set per creating client <c>P games:client:C</c> (sorted sets scored by expiry).
/// A connection id is <c>{instance}/{n}</c>: its instance is alive while <c>P instance:{instance}</c> (the
/// presence heartbeat) exists, so the places and seats of a dead instance are let go by the next script.
/// Common ARGV: 1 prefix, 2 game id, 3 grace ms, 4 idle ms (keys' time to live), 5 the calling instance.
/// Every change bumps the version and publishes the game's snapshot on <c>P game</c> (tokens never leave Redis).
/// </summary>
internal static class TicTacToeScripts
{
    private const string Prelude = """
        local P, G = ARGV[1], ARGV[2]
        local GRACE, TTL, SELF = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
        local clock = redis.call('TIME')
        local NOW = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local gk = P .. 'game:' .. G
        local pk = gk .. ':places'
        local function get(f) return redis.call('HGET', gk, f) or '' end
        local living = {}
        local function alive(conn)
          local inst = string.match(conn, '^([^/]+)/')
          if inst == nil then return false end
          if inst == SELF then return true end
          if living[inst] == nil then living[inst] = redis.call('EXISTS', P .. 'instance:' .. inst) == 1 end
          return living[inst]
        end
        local function over() return get('l') ~= '' or get('w') ~= '' end
        local function away(m) return get('k' .. m) ~= '' and get('c' .. m) == '' end
        local function awaits() return (not over()) and (away('X') or away('O')) end
        -- A connection that loses its seat while it stays (a second tab of the player took it, or the seat was freed
        -- for the next game) watches from then on: its place counts among the spectators', so a newcomer may take
        -- the free seat. Possibly one over the spectators' cap while it lasts: bounded by the seats.
        local function demote(m)
          local c = get('c' .. m)
          if c ~= '' and redis.call('HGET', pk, c) == 'p' then redis.call('HSET', pk, c, 's') end
        end
        local function clearSeat(m)
          demote(m)
          redis.call('HSET', gk, 'k' .. m, '', 'c' .. m, '', 'g' .. m, '0')
        end
        local function counts()
          local p, s = 0, 0
          for _, v in ipairs(redis.call('HVALS', pk)) do if v == 'p' then p = p + 1 else s = s + 1 end end
          return p, s
        end
        local function touch(ms)
          ms = ms or TTL
          redis.call('PEXPIRE', gk, ms)
          redis.call('PEXPIRE', pk, ms)
          local mine = P .. 'games:client:' .. get('cr')
          redis.call('ZADD', P .. 'games', NOW + ms, G)
          redis.call('ZADD', mine, NOW + ms, G)
          redis.call('PEXPIRE', P .. 'games', TTL)
          redis.call('PEXPIRE', mine, TTL)
        end
        local function forgetIfIdle()
          if redis.call('HLEN', pk) > 0 or awaits() then return false end
          redis.call('ZREM', P .. 'games', G)
          redis.call('ZREM', P .. 'games:client:' .. get('cr'), G)
          redis.call('DEL', gk, pk)
          return true
        end
        -- Lets go of the places and seats of dead instances (a seat becomes away: its grace starts now) and gives up
        -- the seats whose grace ended. True when a seat changed.
        local function settle()
          local changed = false
          local places = redis.call('HKEYS', pk)
          for _, conn in ipairs(places) do if not alive(conn) then redis.call('HDEL', pk, conn) end end
          for _, m in ipairs({'X', 'O'}) do
            local c = get('c' .. m)
            if c ~= '' and not alive(c) then
              redis.call('HSET', gk, 'c' .. m, '', 'g' .. m, NOW + GRACE)
              changed = true
            end
            local grace = tonumber(get('g' .. m)) -- 0: no grace runs (a goodbye keeps the token until the next game)
            if away(m) and grace > 0 and grace <= NOW then
              if over() then clearSeat(m) else redis.call('HSET', gk, 'l', m) end
              changed = true
            end
          end
          return changed
        end
        local function snapshot()
          local f = redis.call('HMGET', gk, 'v', 'b', 't', 'w', 'l', 'kX', 'kO', 'cX', 'cO', 'gX', 'gO')
          local has = function(k) if k ~= '' then return '1' end return '0' end
          return table.concat({G, f[1], NOW, f[2], f[3], f[4], f[5], has(f[6]), has(f[7]), f[8], f[9], f[10], f[11]}, '|')
        end
        local function publish()
          redis.call('HINCRBY', gk, 'v', 1)
          local s = snapshot()
          redis.call('PUBLISH', P .. 'game', s)
          return s
        end

        """;

    /// <summary>ARGV 6 client, 7 token hash or empty, 8 connection, 9 max games, 10 max per client, 11 max spectators, 12 upgrades per window, 13 window ms. Returns p, s or a refusal.</summary>
    public const string Reserve = Prelude + """
        local CLIENT, TOKEN, CONN = ARGV[6], ARGV[7], ARGV[8]
        -- The per-client upgrade limit, shared: every instance counts in one window.
        local rate = P .. 'games:rate:' .. CLIENT
        if redis.call('INCR', rate) == 1 then redis.call('PEXPIRE', rate, tonumber(ARGV[13])) end
        if tonumber(redis.call('GET', rate)) > tonumber(ARGV[12]) then return 'rate-limited' end
        local all = P .. 'games'
        redis.call('ZREMRANGEBYSCORE', all, '-inf', NOW)
        if redis.call('EXISTS', gk) == 0 then
          local mine = P .. 'games:client:' .. CLIENT
          redis.call('ZREMRANGEBYSCORE', mine, '-inf', NOW)
          redis.call('DEL', pk)
          if redis.call('ZCARD', all) >= tonumber(ARGV[9]) then return 'too-many-games' end
          if redis.call('ZCARD', mine) >= tonumber(ARGV[10]) then return 'too-many-games-from-client' end
          redis.call('HSET', gk, 'b', '---------', 't', 'X', 'w', '', 'l', '', 'kX', '', 'kO', '', 'cX', '', 'cO', '',
            'gX', '0', 'gO', '0', 'cr', CLIENT, 'v', NOW)
        elseif settle() then
          publish()
        end
        local p, s = counts()
        local forPlayer
        if TOKEN ~= '' and (TOKEN == get('kX') or TOKEN == get('kO')) then
          forPlayer = p < 4 -- two places per seat: a reload whose old connection has not ended yet
        else
          forPlayer = (not over()) and (get('kX') == '' or get('kO') == '') and p < 2
        end
        if (not forPlayer) and s >= tonumber(ARGV[11]) then
          if not forgetIfIdle() then touch() end
          return 'game-full'
        end
        local place = 's'
        if forPlayer then place = 'p' end
        redis.call('HSET', pk, CONN, place)
        touch()
        return place
        """;

    /// <summary>ARGV 6 connection, 7 token hash or empty, 8 hash of a new token. Returns {seat or spectator, 1 when the new token was given, snapshot} or {gone}.</summary>
    public const string Seat = Prelude + """
        local CONN, TOKEN = ARGV[6], ARGV[7]
        if redis.call('EXISTS', gk) == 0 then return {'gone'} end
        settle()
        local seat = nil
        for _, m in ipairs({'X', 'O'}) do
          if seat == nil and TOKEN ~= '' and get('k' .. m) == TOKEN then seat = m end
        end
        if seat == nil and not over() then
          for _, m in ipairs({'X', 'O'}) do if seat == nil and get('k' .. m) == '' then seat = m end end
        end
        local fresh = 0
        if seat ~= nil then
          if get('k' .. seat) == '' then
            redis.call('HSET', gk, 'k' .. seat, ARGV[8])
            fresh = 1
          end
          if get('c' .. seat) ~= CONN then demote(seat) end
          redis.call('HSET', gk, 'c' .. seat, CONN, 'g' .. seat, '0')
        elseif redis.call('HGET', pk, CONN) == 'p' then
          redis.call('HSET', pk, CONN, 's') -- another newcomer took the seat first: this one watches
        end
        touch()
        return {seat or 'spectator', fresh, publish()}
        """;

    /// <summary>ARGV 6 connection, 7 move or reset, 8 cell. Returns empty when played, else the reason it was refused.</summary>
    public const string Play = Prelude + """
        local CONN, TYPE, CELL = ARGV[6], ARGV[7], tonumber(ARGV[8])
        if redis.call('EXISTS', gk) == 0 then return 'the game is gone' end
        if settle() then publish() end
        local seat = nil
        if get('cX') == CONN then seat = 'X' elseif get('cO') == CONN then seat = 'O' end
        if TYPE == 'move' then
          if seat == nil then return 'spectators cannot move' end
          if get('l') ~= '' then return 'the game is over' end
          if get('kX') == '' or get('kO') == '' then return 'wait for a second player' end
          if get('w') ~= '' then return 'the game is over' end
          local turn = get('t')
          if seat ~= turn then return 'it is ' .. turn .. "'s turn" end
          if CELL < 0 or CELL > 8 then return 'cell must be 0..8' end
          local b = get('b')
          if string.sub(b, CELL + 1, CELL + 1) ~= '-' then return 'cell ' .. CELL .. ' is taken' end
          b = string.sub(b, 1, CELL) .. seat .. string.sub(b, CELL + 2)
          local winner = ''
          for _, l in ipairs({{1,2,3},{4,5,6},{7,8,9},{1,4,7},{2,5,8},{3,6,9},{1,5,9},{3,5,7}}) do
            local c = string.sub(b, l[1], l[1])
            if winner == '' and c ~= '-' and c == string.sub(b, l[2], l[2]) and c == string.sub(b, l[3], l[3]) then winner = c end
          end
          if winner == '' and not string.find(b, '-', 1, true) then winner = 'draw' end
          local other = 'X'
          if seat == 'X' then other = 'O' end
          redis.call('HSET', gk, 'b', b, 'w', winner, 't', other)
        else
          if seat == nil then return 'spectators cannot reset' end
          if not over() then return 'the game is not over' end
          local left = get('l')
          if left ~= '' then clearSeat(left) end -- the seat of a player who left is free for the next arrival
          redis.call('HSET', gk, 'b', '---------', 't', 'X', 'w', '', 'l', '')
        end
        touch()
        publish()
        return ''
        """;

    /// <summary>ARGV 6 connection, 7 1 for a goodbye (close 1000). Releases the connection's place and seat.</summary>
    public const string Leave = Prelude + """
        local CONN = ARGV[6]
        if redis.call('EXISTS', gk) == 0 then return 0 end
        local changed = settle()
        redis.call('HDEL', pk, CONN)
        for _, m in ipairs({'X', 'O'}) do
          -- After a rejoin the seat has a newer connection: the old one ending changes nothing.
          if get('c' .. m) == CONN then
            redis.call('HSET', gk, 'c' .. m, '')
            if ARGV[7] == '1' and over() then clearSeat(m)
            elseif ARGV[7] == '1' then redis.call('HSET', gk, 'l', m)
            else redis.call('HSET', gk, 'g' .. m, NOW + GRACE) end
            changed = true
          end
        end
        if forgetIfIdle() then return 1 end
        if changed then publish() end
        if redis.call('HLEN', pk) == 0 then touch(GRACE + 1000) else touch() end -- nobody left: gone soon after the grace
        return 1
        """;

    /// <summary>
    /// Settles the game (dead instances, ended graces) and renews its keys; run by every instance with members in it.
    /// Returns {gone} when Redis no longer knows the game (restarted empty), else {ok, the current snapshot}: the
    /// caller resends it to members that missed a published one (pub/sub delivers at most once).
    /// </summary>
    public const string Tick = Prelude + """
        if redis.call('EXISTS', gk) == 0 then return {'gone'} end
        if settle() then publish() end
        if forgetIfIdle() then return {'gone'} end
        touch()
        return {'ok', snapshot()}
        """;
}
