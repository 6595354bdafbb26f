using System.Diagnostics;
using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Report;
using Workshop.Bench.Load.Scenarios;

namespace Workshop.Bench.Load;

/// <summary>
/// Runs the matrix: starts every server on the server core, checks each target answers correctly, measures
/// memory, then for each load scenario warms every target up with the same load for the same time and runs
/// the measured windows in alternating order (round r starts with target r), so drift hits every target alike.
/// </summary>
internal sealed class Driver(BenchSettings settings, Setup setup, string rawDirectory, int serverCore)
{
    private readonly Dictionary<string, ServerProcess> _servers = [];

    public List<Measurement> Measurements { get; } = [];
    public List<string> Checks { get; } = [];

    public async Task RunAsync(string? only, CancellationToken ct)
    {
        try
        {
            foreach (var name in setup.ServerNamesInUse())
            {
                var spec = setup.Servers.Single(s => s.Name == name);
                Log($"starting {name}");
                var core = name == Setup.SinkName ? 1 - serverCore : serverCore;
                _servers[name] = await ServerProcess.StartAsync(spec, core, rawDirectory, TimeSpan.FromSeconds(60));
            }
            Checks.AddRange(await SanityChecks.RunAsync(setup.Targets, _servers, rawDirectory, settings.WebhookSecret, ct));
            foreach (var check in Checks) Log("check: " + check);
            foreach (var scenario in Scenarios())
            {
                if (only is not null && !scenario.Id.StartsWith(only, StringComparison.Ordinal)) continue;
                await MeasureAsync(scenario, ct);
            }
        }
        finally
        {
            foreach (var server in _servers.Values) server.Dispose();
        }
    }

    private IEnumerable<ScenarioPlan> Scenarios()
    {
        var s = settings;
        yield return new("mem-ws", t => t.EchoServer, false, (t, p, _, ct) => MemoryScenario.RunAsync(p, t, false, s.MemoryConnections, s.Settle, ct));
        yield return new("mem-sse", t => t.SseServer, false, (t, p, _, ct) => MemoryScenario.RunAsync(p, t, true, s.MemoryConnections, s.Settle, ct));
        yield return new("echo", t => t.EchoServer, true, (t, p, length, ct) => EchoScenario.RunAsync(p.Port, t.EchoPath, s.EchoClients, s.Ramp, length, ct));
        yield return new("broadcast", t => t.BroadcastServer, true, (t, p, length, ct) =>
            BroadcastScenario.RunAsync(p.Port, t, s.BroadcastClients, s.BroadcastRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        foreach (var clients in s.SseClients)
        {
            // The table has no raw figure for 5,000 SSE clients; skipping it saves ~1.5 minutes of the full run.
            yield return new($"sse-{clients}", t => clients > 1000 && t.Key == "raw" ? null : t.SseServer, true, (t, p, length, ct) =>
                SseScenario.RunAsync(p.Port, t, clients, s.SseRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        }
        if (s.ReferenceScaleTargets)
        {
            yield return new("broadcast-10000", t => t.Key == "reference" ? t.BroadcastServer : null, true, (t, p, length, ct) =>
                BroadcastScenario.RunAsync(p.Port, t, 10_000, 50, s.MessageSize, s.Ramp, length, s.Drain, ct));
            yield return new("sse-10000", t => t.Key == "reference" ? t.SseServer : null, true, (t, p, length, ct) =>
                SseScenario.RunAsync(p.Port, t, 10_000, s.SseRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        }
        var script = WebhookScenario.WriteScript(rawDirectory, s.WebhookSecret);
        yield return new("webhook", t => t.WebhookServer, true, (t, p, length, ct) =>
            WebhookScenario.RunAsync(script, p.Port, t.WebhookPath, s.WebhookConnections, length, ct));
        yield return new("sender", t => t.SenderServer, true, (_, p, _, ct) =>
            SenderScenario.RunAsync(p.Port, _servers[Setup.SinkName].Port, s.SenderDeliveries, s.SenderDeadline, ct));
    }

    private async Task MeasureAsync(ScenarioPlan plan, CancellationToken ct)
    {
        var targets = setup.Targets.Where(t => plan.Server(t) is not null).ToList();
        if (plan.WarmUp)
        {
            foreach (var target in targets)
            {
                Log($"{plan.Id} {target.Key}: warm-up {settings.WarmUp.TotalSeconds:0} s");
                await TryRunAsync(plan, target, settings.WarmUp, ct);
            }
        }
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[(i + round) % targets.Count];
                var (result, failure) = await TryRunAsync(plan, target, settings.Window, ct);
                Measurements.Add(new Measurement(plan.Id, target.Key, round + 1, result, failure));
                Log($"{plan.Id} {target.Key} round {round + 1}: " + (failure ?? Describe(result!)));
            }
        }
    }

    private async Task<(WindowResult? Result, string? Failure)> TryRunAsync(ScenarioPlan plan, Target target, TimeSpan length, CancellationToken ct)
    {
        var server = _servers[plan.Server(target)!];
        try
        {
            server.ThrowIfExited();
            await QuiesceAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(length + TimeSpan.FromSeconds(90));
            var probe = new CpuProbe(server.Pid);
            CpuProbe.Current = probe;
            var result = await plan.Run(target, server, length, limit.Token);
            CpuProbe.Current = null;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            // wrk is its own process: this process' CPU says nothing about the webhook generator.
            return (result with { ServerCpu = probe.ServerShare, GeneratorCpu = plan.Id == "webhook" ? double.NaN : probe.GeneratorShare }, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (null, $"failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>
    /// Every server shares the server core: a window starts only once all of them are idle (under 10 % of the core
    /// for 300 ms), so a peer still flushing the backlog of its own window cannot slow the next target down.
    /// </summary>
    private async Task QuiesceAsync(CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            var before = _servers.Values.Sum(s => CpuProbe.CpuTimeOf(s.Pid).TotalSeconds);
            await Task.Delay(300, ct);
            var busy = (_servers.Values.Sum(s => CpuProbe.CpuTimeOf(s.Pid).TotalSeconds) - before) / 0.3;
            if (busy < 0.1) return;
        }
        Log("servers still busy after 20 s; measuring anyway");
    }

    private static string Describe(WindowResult r) =>
        $"rate {r.Rate:0.0}, p50 {r.P50Ms:0.00} ms, p99 {r.P99Ms:0.00} ms, share {r.Share:P1}, errors {r.Errors}, cpu server {r.ServerCpu:P0} generator {r.GeneratorCpu:P0} {r.Note}";

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Log(string line) => Console.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {line}");

    private sealed record ScenarioPlan(string Id, Func<Target, string?> Server, bool WarmUp,
        Func<Target, ServerProcess, TimeSpan, CancellationToken, Task<WindowResult>> Run);
}
