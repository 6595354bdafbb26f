using System.Text;
using Workshop.Bench.Load.Net;
using Xunit;

namespace Workshop.Bench.Tests;

public class ParsersTests
{
    [Fact]
    public void Marker_scanner_finds_every_marker_across_arbitrary_read_boundaries()
    {
        var found = new List<long>();
        var scanner = new MarkerScanner(found.Add);
        var stream = Encoding.ASCII.GetBytes("id: 1\ndata: @@123#xx\n\n: ping\n\nid: 2\ndata: {\"text\":\"@@4567#\"}\n\n");
        for (var i = 0; i < stream.Length; i += 3) scanner.Feed(stream.AsSpan(i, Math.Min(3, stream.Length - i)));
        Assert.Equal([123L, 4567L], found);
    }

    [Fact]
    public void Marker_scanner_ignores_a_lone_at_sign_and_an_empty_marker()
    {
        var found = new List<long>();
        new MarkerScanner(found.Add).Feed("a@b @@# @@@9#"u8);
        Assert.Equal([9L], found);
    }

    [Fact]
    public void Markers_carry_the_timestamp_and_are_padded_to_the_message_size()
    {
        var marker = Marker.Create(42, 64);
        Assert.Equal(64, marker.Length);
        Assert.StartsWith("@@42#", Encoding.ASCII.GetString(marker), StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_body_is_one_kilobyte_of_valid_json_and_signed_the_github_way()
    {
        var body = Workshop.Bench.Load.Scenarios.WebhookScenario.Body;
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(body));
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal("refs/heads/main", json.RootElement.GetProperty("ref").GetString());
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a well-known test vector.
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            Workshop.Bench.Load.Scenarios.WebhookScenario.Sign("key", "The quick brown fox jumps over the lazy dog"));
    }
}
