using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary><c>workshop check</c> prints, under a failed check, the exchanges that led to the verdict.</summary>
public sealed class CheckTranscriptCliTests
{
    [Fact]
    public async Task A_failing_check_prints_its_last_exchanges_by_name()
    {
        var (exit, output) = await CliRun.RunAsync(TimeSpan.FromMinutes(4), "check", "03", "--task", "keepalive");

        Assert.True(exit != 0, output);
        Assert.Contains("frames seen: [text]", output, StringComparison.Ordinal);
        Assert.Contains("last exchanges:", output, StringComparison.Ordinal);
        Assert.Contains("checker → app  GET /ws/live (WebSocket upgrade)", output, StringComparison.Ordinal);
        Assert.Contains("app → checker  101 Switching Protocols", output, StringComparison.Ordinal);
        Assert.Contains("app → checker  text \"Welcome!\" (8 B, FIN)", output, StringComparison.Ordinal);
    }
}
