using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Workshop.Protocols.Redis;

/// <summary>
/// Every <see cref="RedisBackplaneOptions.PresenceInterval"/>: renews this instance's heartbeat key and rewrites its
/// members of every room (also after an outage, or a Redis that restarted empty), and deletes its fields of the rooms
/// it left whose delete did not reach Redis. An instance that dies stops
/// renewing; its key expires after three intervals and the other instances stop listing its members.
/// </summary>
internal sealed class RedisPresenceHeartbeat(RedisBackplaneConnection redis, RedisRoomPresence presence, TimeProvider time,
    ILogger<RedisPresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(redis.PresenceInterval, time);
        try
        {
            do await BeatAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        finally
        {
            await ForgetAsync(); // a graceful stop: the others stop listing this instance's members at once
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return;
        try
        {
            var database = redis.Database;
            var writes = new List<Task> { database.StringSetAsync(InstanceKey, "1", redis.HeartbeatTtl) };
            foreach (var ((hub, room), members) in presence.LocalRooms) writes.Add(presence.WriteAsync(database, hub, room, members));
            // Departures whose delete never reached Redis: their field would be listed for as long as this instance lives.
            foreach (var (hub, room) in presence.EmptiedRooms) writes.Add(presence.DeleteAsync(database, hub, room));
            await Task.WhenAll(writes).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "heartbeat", InstanceKey, e);
        }
    }

    private async Task ForgetAsync()
    {
        if (!redis.IsConnected) return;
        try
        {
            await redis.Database.KeyDeleteAsync(InstanceKey).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "heartbeat", InstanceKey, e);
        }
    }

    private string InstanceKey => presence.InstanceKey;
}
