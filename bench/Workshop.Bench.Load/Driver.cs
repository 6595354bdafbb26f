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
    private ScaleOutCluster? _cluster;
    private string? _scaleOutFailure;

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
            // The scale-out processes are in _servers too (for the idle check), so this stops Redis and both instances.
            foreach (var server in _servers.Values) server.Dispose();
        }
    }

    private IEnumerable<ScenarioPlan> Scenarios()
    {
        var s = settings;
        // Every memory round runs on a server started for it: on a process that already held connections, the memory
        // those freed can be returned inside the next window and make its delta negative (the raw peer's −0.47 KB).
        yield return new("mem-ws", t => t.EchoServer, false, (t, p, _, ct) => MemoryScenario.RunAsync(p.Primary, t, false, s.MemoryConnections, s.Settle, ct)) { FreshServer = true };
        yield return new("mem-sse", t => t.SseServer, false, (t, p, _, ct) => MemoryScenario.RunAsync(p.Primary, t, true, s.MemoryConnections, s.Settle, ct)) { FreshServer = true };
        yield return new("echo", t => t.EchoServer, true, (t, p, length, ct) => EchoScenario.RunAsync(p.Port, t.EchoPath, s.EchoClients, s.Ramp, length, ct));
        yield return new("broadcast", t => t.BroadcastServer, true, (t, p, length, ct) =>
            BroadcastScenario.RunAsync(p.Ports, t, s.BroadcastClients, s.BroadcastRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        foreach (var clients in s.SseClients)
        {
            // The table has no raw figure for 5,000 SSE clients; skipping it saves ~1.5 minutes of the full run.
            yield return new($"sse-{clients}", t => clients > 1000 && t.Key == "raw" ? null : t.SseServer, true, (t, p, length, ct) =>
                SseScenario.RunAsync(p.Ports, t, clients, s.SseRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        }
        if (s.ReferenceScaleTargets)
        {
            yield return new("broadcast-10000", t => t.Key == "reference" ? t.BroadcastServer : null, true, (t, p, length, ct) =>
                BroadcastScenario.RunAsync(p.Ports, t, 10_000, 50, s.MessageSize, s.Ramp, length, s.Drain, ct));
            yield return new("sse-10000", t => t.Key == "reference" ? t.SseServer : null, true, (t, p, length, ct) =>
                SseScenario.RunAsync(p.Ports, t, 10_000, s.SseRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        }
        // Light load (issue 15): far below saturation, where the figure that matters is CPU per operation and the tail.
        yield return new("light-broadcast", t => t.BroadcastServer, true, (t, p, length, ct) =>
            BroadcastScenario.RunAsync(p.Ports, t, s.LightBroadcastClients, s.LightBroadcastRate, s.MessageSize, s.Ramp, length, s.Drain, ct));
        yield return new("light-echo", t => t.EchoServer, true, (t, p, length, ct) =>
            PacedEchoScenario.RunAsync(p.Port, t.EchoPath, s.LightEchoClients, s.LightEchoRate, s.Ramp, length, ct));
        var script = WebhookScenario.WriteScript(rawDirectory, s.WebhookSecret);
        yield return new("webhook", t => t.WebhookServer, true, (t, p, length, ct) =>
            WebhookScenario.RunAsync(script, p.Port, t.WebhookPath, s.WebhookConnections, length, ct));
        yield return new("sender", t => t.SenderServer, true, (_, p, _, ct) =>
            SenderScenario.RunAsync(p.Port, _servers[Setup.SinkName].Port, s.SenderDeliveries, s.SenderDeadline, ct));
        // Last, so the three extra processes never share the core with another scenario. The reference at one
        // instance (in memory) and at two instances on Redis, same load, alternating like the other targets.
        var scaleOut = setup.Targets.Where(t => t.Key == "reference").Append(ScaleOutSetUp.Create()).ToList();
        if (scaleOut.Count < 2) yield break;
        yield return new("scaleout-ws", t => t.BroadcastServer, true, (t, p, length, ct) =>
            BroadcastScenario.RunAsync(p.Ports, t, s.BroadcastClients, s.BroadcastRate, s.MessageSize, s.Ramp, length, s.Drain, ct), scaleOut, s.ScaleOutWarmUp, s.ScaleOutWindow);
        yield return new($"scaleout-sse-{s.ScaleOutSseClients}", t => t.SseServer, true, (t, p, length, ct) =>
            SseScenario.RunAsync(p.Ports, t, s.ScaleOutSseClients, s.SseRate, s.MessageSize, s.Ramp, length, s.Drain, ct), scaleOut, s.ScaleOutWarmUp, s.ScaleOutWindow);
    }

    private async Task MeasureAsync(ScenarioPlan plan, CancellationToken ct)
    {
        var targets = (plan.Targets ?? setup.Targets).Where(t => plan.Server(t) is not null).ToList();
        if (targets.Any(t => plan.Server(t) == ScaleOutSetUp.GroupName) && await StartScaleOutAsync(ct) is { } notStarted)
        {
            foreach (var target in targets) Measurements.Add(new Measurement(plan.Id, target.Key, 1, null, notStarted));
            Log($"{plan.Id}: NOT MEASURED: {notStarted}");
            return;
        }
        if (plan.WarmUp)
        {
            foreach (var target in targets)
            {
                var warmUp = plan.WarmUpLength ?? settings.WarmUp;
                Log($"{plan.Id} {target.Key}: warm-up {warmUp.TotalSeconds:0} s");
                await TryRunAsync(plan, target, warmUp, ct);
            }
        }
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[(i + round) % targets.Count];
                var (result, failure) = await TryRunAsync(plan, target, plan.WindowLength ?? settings.Window, ct);
                Measurements.Add(new Measurement(plan.Id, target.Key, round + 1, result, failure));
                Log($"{plan.Id} {target.Key} round {round + 1}: " + (failure ?? Describe(result!)));
            }
        }
    }

    private async Task<(WindowResult? Result, string? Failure)> TryRunAsync(ScenarioPlan plan, Target target, TimeSpan length, CancellationToken ct)
    {
        var name = plan.Server(target)!;
        if (plan.FreshServer) await RestartAsync(name);
        var deployment = name == ScaleOutSetUp.GroupName ? _cluster!.Deployment : Deployment.Single(_servers[name]);
        try
        {
            foreach (var server in deployment.Instances) server.ThrowIfExited();
            await QuiesceAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(length + TimeSpan.FromSeconds(90));
            var probe = new CpuProbe(deployment.ServerPids);
            CpuProbe.Current = probe;
            var result = await plan.Run(target, deployment, length, limit.Token);
            CpuProbe.Current = null;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            // wrk is its own process: this process' CPU says nothing about the webhook generator.
            return (result with
            {
                ServerCpu = probe.ServerShare,
                GeneratorCpu = plan.Id == "webhook" ? double.NaN : probe.GeneratorShare,
                FreshProcess = plan.FreshServer,
            }, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (null, $"failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Stops one server and starts it again from its spec (a new port; later scenarios use the new process).</summary>
    private async Task RestartAsync(string name)
    {
        var old = _servers[name];
        var core = name == Setup.SinkName ? 1 - serverCore : serverCore;
        old.Dispose();
        _servers[name] = await ServerProcess.StartAsync(old.Spec, core, rawDirectory, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Starts Redis and the two instances the first time a scale-out scenario needs them and checks that messages
    /// cross from A to B. Returns why not when that fails (then no scale-out scenario is measured).
    /// </summary>
    private async Task<string?> StartScaleOutAsync(CancellationToken ct)
    {
        if (_cluster is not null || _scaleOutFailure is not null) return _scaleOutFailure;
        try
        {
            Log("starting the scale-out set-up: redis-server, bench host A and B (Redis__Configuration), all on core " + serverCore);
            _cluster = await ScaleOutCluster.StartAsync(setup, serverCore, rawDirectory, TimeSpan.FromSeconds(60));
            _servers[ScaleOutSetUp.RedisName] = _cluster.Redis;
            _servers[ScaleOutSetUp.InstanceA] = _cluster.A;
            _servers[ScaleOutSetUp.InstanceB] = _cluster.B;
            var checks = await ScaleOutCheck.RunAsync(_cluster.A.Port, _cluster.B.Port, ScaleOutSetUp.Create(), ct);
            foreach (var check in checks) Log("check: " + check);
            Checks.AddRange(checks);
            if (checks.Any(c => c.Contains("FAILED", StringComparison.Ordinal)))
                _scaleOutFailure = "the scale-out check failed (messages published on A did not reach B); see the sanity checks and bench/results/raw/scaleout-*.log";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _scaleOutFailure = $"the scale-out set-up did not start: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
            Checks.Add("scale-out: FAILED (" + _scaleOutFailure + ")");
        }
        if (_scaleOutFailure is not null) Failed = true;
        return _scaleOutFailure;
    }

    /// <summary>True when a check that invalidates figures failed (the scale-out crossing): the driver exits with 1.</summary>
    public bool Failed { get; private set; }

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

    /// <summary>A scenario; <c>Targets</c> replaces the run's targets (the scale-out scenarios compare two set-ups of the reference).</summary>
    private sealed record ScenarioPlan(string Id, Func<Target, string?> Server, bool WarmUp,
        Func<Target, Deployment, TimeSpan, CancellationToken, Task<WindowResult>> Run, IReadOnlyList<Target>? Targets = null, TimeSpan? WarmUpLength = null, TimeSpan? WindowLength = null)
    {
        /// <summary>Start the target's server afresh before every window (memory: nothing left from earlier connections).</summary>
        public bool FreshServer { get; init; }
    }
}
