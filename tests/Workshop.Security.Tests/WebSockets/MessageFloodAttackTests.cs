using System.Net.WebSockets;

namespace Workshop.Security.Tests.WebSockets;

/// <summary>Issue 11, items 3 and 9: a client that floods messages is closed with 1008 and a reason.</summary>
public sealed class MessageFloodAttackTests
{
    [Theory]
    [InlineData("/ws/echo", "hello")]
    [InlineData("/ws/chat", """{"type":"say","room":"lobby","text":"spam"}""")]
    [InlineData("/ws/game?game=flood", """{"type":"move","cell":9}""")]
    public async Task A_client_flooding_messages_is_closed_with_1008_message_rate_limit_exceeded(string path, string frame)
    {
        await using var app = new ProductionPlayground(); // the default limits: a burst of 100, 50 a second
        using var attacker = await WsAttacker.ConnectAsync(app, path);
        var reading = WsAttacker.ReadUntilCloseAsync(attacker, TimeSpan.FromSeconds(10));
        var flooding = System.Diagnostics.Stopwatch.StartNew();

        // A bounded flood, far over the burst; the sends stop by themselves once the server has closed.
        for (var i = 0; i < 1000 && !reading.IsCompleted; i++)
        {
            try
            {
                await attacker.SendTextAsync(frame);
            }
            catch (WebSocketException)
            {
                break;
            }
        }
        var (status, reason, answered) = await reading;
        // The bucket refills at 50 a second while the flood lasts (longer on a loaded machine): that much more may pass.
        var refilled = (int)Math.Ceiling(flooding.Elapsed.TotalSeconds * 50);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("message rate limit exceeded", reason);
        // At most the burst and its refill were handled (+ Welcome!, or a game's welcome and first state), never the flood.
        Assert.InRange(answered.Count, 1, 102 + refilled);
    }
}
