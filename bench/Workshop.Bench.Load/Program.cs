using System.Runtime.InteropServices;
using System.Text.Json;
using Workshop.Bench.Load;
using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Report;

// Usage (normally through bench/run.sh, which installs, builds and pins this process to the generator core):
//   Workshop.Bench.Load --repo <root> [--quick] [--only <scenario prefix>] [--server-core 0] [--report-only]
//     [--targets reference,node,raw] [--warmup s] [--window s] [--rounds n] [--rate-scale x]   (overrides, for trying it out)
//     [--reference-env NAME=VALUE]   (one extra environment variable for the reference's servers, e.g. a runtime knob)
var repo = Arg("--repo") ?? Directory.GetCurrentDirectory();
var quick = args.Contains("--quick");
var settings = (quick ? BenchSettings.Quick : BenchSettings.Full) with
{
    // Overrides for trying the harness out; a results file made with them says so in its settings list.
    WarmUp = Seconds("--warmup") ?? (quick ? BenchSettings.Quick : BenchSettings.Full).WarmUp,
    ScaleOutWarmUp = Seconds("--warmup") ?? (quick ? BenchSettings.Quick : BenchSettings.Full).ScaleOutWarmUp,
    ScaleOutWindow = Seconds("--window") ?? (quick ? BenchSettings.Quick : BenchSettings.Full).ScaleOutWindow,
    Window = Seconds("--window") ?? (quick ? BenchSettings.Quick : BenchSettings.Full).Window,
    BroadcastRate = (quick ? BenchSettings.Quick : BenchSettings.Full).BroadcastRate * RateScale(),
    SseRate = (quick ? BenchSettings.Quick : BenchSettings.Full).SseRate * RateScale(),
    Rounds = Arg("--rounds") is { } rounds ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : (quick ? BenchSettings.Quick : BenchSettings.Full).Rounds,
};
var resultsDirectory = Path.Combine(repo, "bench", "results");
var rawDirectory = Path.Combine(resultsDirectory, "raw");
Directory.CreateDirectory(rawDirectory);
// Each run starts the reference with an empty data directory (the webhook idempotency records grow with every request).
foreach (var data in new[] { "playground-data", "bench-host-data", "scaleout-a-data", "scaleout-b-data" })
{
    if (Directory.Exists(Path.Combine(rawDirectory, data))) Directory.Delete(Path.Combine(rawDirectory, data), recursive: true);
}
// Only a full, unmodified run writes the committed results; quick and trial runs stay in the ignored raw folder.
var trial = new[] { "--rate-scale", "--warmup", "--window", "--rounds", "--targets", "--only", "--reference-env" }.Any(args.Contains);
var kind = quick ? "quick" : trial ? "trial" : null;
var recordPath = kind is null ? Path.Combine(resultsDirectory, "full.json") : Path.Combine(rawDirectory, kind + ".json");
var reportPath = kind is null ? Path.Combine(repo, "docs", "benchmarks.md") : Path.Combine(rawDirectory, $"benchmarks-{kind}.md");
var notesPath = Path.Combine(repo, "bench", "notes.md");
var json = new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

if (args.Contains("--report-only") || args.Contains("--report"))
{
    var saved = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(recordPath), json)!;
    WriteReport(saved);
    return 0;
}

using var cts = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cts.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
var started = DateTimeOffset.UtcNow;
var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
var referenceEnvironment = Arg("--reference-env") is { } pair && pair.Split('=', 2) is [var name, var value] ? new Dictionary<string, string> { [name] = value } : null;
var setup = new Setup(repo, rawDirectory, settings.WebhookSecret, Arg("--targets")?.Split(','), referenceEnvironment);
var driver = new Driver(settings, setup, rawDirectory, int.Parse(Arg("--server-core") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
try
{
    await driver.RunAsync(Arg("--only"), cts.Token);
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Driver.Log("cancelled: servers stopped, partial results written");
}
var machine = MachineInfo.Collect(repo);
// Other work on the machine shares the cores that taskset assigns: the load average says how quiet it was.
machine["load average (1, 5, 15 min) at start / end"] = $"{loadAtStart} / {File.ReadAllText("/proc/loadavg").Trim()}";
var record = new RunRecord(settings.Mode, started, DateTimeOffset.UtcNow, machine, driver.Checks, driver.Measurements, Describe(settings, CommandLine()));
File.WriteAllText(recordPath, JsonSerializer.Serialize(record, json));
WriteReport(record);
return cts.IsCancellationRequested ? 130 : driver.Failed ? 1 : 0;

void WriteReport(RunRecord run)
{
    Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
    // Charts beside the report: docs/bench/ for the committed one, bench/results/raw/svg-<kind>/ for the others.
    var chartDirectory = kind is null ? Path.Combine(repo, "docs", "bench") : Path.Combine(rawDirectory, "svg-" + kind);
    Directory.CreateDirectory(chartDirectory);
    var charts = new List<string>();
    foreach (var (name, svg) in Workshop.Bench.Load.Report.Charts.BenchCharts.Render(run))
    {
        File.WriteAllText(Path.Combine(chartDirectory, name), svg);
        charts.Add(Path.GetRelativePath(Path.GetDirectoryName(reportPath)!, Path.Combine(chartDirectory, name)).Replace('\\', '/'));
    }
    File.WriteAllText(reportPath, MarkdownReport.Render(run, File.Exists(notesPath) ? File.ReadAllText(notesPath) : "", charts));
    Driver.Log($"wrote {Path.GetRelativePath(repo, reportPath)} and {charts.Count} charts in {Path.GetRelativePath(repo, chartDirectory)}" +
        (args.Contains("--report-only") || args.Contains("--report") ? $" from {Path.GetRelativePath(repo, recordPath)}" : $"; the windows in {Path.GetRelativePath(repo, recordPath)}"));
}

double RateScale() => Arg("--rate-scale") is { } scale ? double.Parse(scale, System.Globalization.CultureInfo.InvariantCulture) : 1;

TimeSpan? Seconds(string name) => Arg(name) is { } value ? TimeSpan.FromSeconds(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : null;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

string CommandLine()
{
    var shown = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] is "--repo" or "--server-core") i++;
        else shown.Add(args[i]);
    }
    return string.Join(' ', ["bench/run.sh", .. shown]);
}

static Dictionary<string, string> Describe(BenchSettings s, string command) => new()
{
    ["command"] = command,
    ["pinning"] = "every server on core 0 (taskset -c 0), the generator and wrk on core 1 (taskset -c 1); loopback only",
    ["warm-up"] = $"before the first window of each load scenario, every target gets the same load as the window for {s.WarmUp.TotalSeconds:0} s (its own process then stays up); each window also has a {s.Ramp.TotalSeconds:0.#} s ramp that is not counted",
    ["windows"] = $"{s.Window.TotalSeconds:0.#} s each, {s.Rounds} rounds, alternating the order of the targets every round (A B C, B C A, C A B), each starting once every server is idle (under 10 % CPU); figures are medians over the rounds",
    ["drain"] = $"broadcast and SSE count deliveries of messages published inside the window that arrive up to {s.Drain.TotalSeconds:0.#} s after it ends",
    ["echo clients"] = s.EchoClients.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["broadcast clients"] = s.BroadcastClients.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
    ["broadcast rate"] = s.BroadcastRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["sse rate"] = s.SseRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["message size"] = $"{s.MessageSize} bytes of payload (a timestamp marker padded)",
    ["webhook connections"] = s.WebhookConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["sender deliveries"] = s.SenderDeliveries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
    ["sender"] = $"reference only: {s.SenderDeliveries:N0} deliveries enqueued through POST /api/sender/deliveries (16 in flight) to a raw sink on the generator core; timed from the first enqueue to the last arrival, deadline {s.SenderDeadline.TotalSeconds:0} s",
    ["memory"] = $"VmRSS of the server before and after opening {s.MemoryConnections:N0} idle connections (each after a {s.Settle.TotalSeconds:0.#} s settle), delta ÷ N; {s.Rounds} rounds on the same process",
    ["light broadcast"] = $"{s.LightBroadcastClients:N0} clients × {s.LightBroadcastRate} msg/s",
    ["light echo"] = $"{s.LightEchoRate:N0} round trips/s offered by {s.LightEchoClients} clients",
    ["light load"] = $"WS broadcast {s.LightBroadcastClients:N0} clients × {s.LightBroadcastRate} msg/s; WS echo at {s.LightEchoRate:N0} round trips/s offered by {s.LightEchoClients} clients on a fixed schedule; server CPU per operation = server CPU in the window ÷ operations completed in it",
    ["scale-out"] = $"reference only: a dedicated redis-server (own port on 127.0.0.1, --save \"\" --appendonly no) and two bench hosts with Redis__Configuration pointing at it, all three on core 0 (one core shared by two instances and Redis); clients alternate between instance A and B, every publish goes to A, so half the deliveries cross Redis; compared with one instance (in memory) under the same load in the same scenario, alternating, {s.Rounds} rounds of {s.ScaleOutWindow.TotalSeconds:0.#} s windows after a {s.ScaleOutWarmUp.TotalSeconds:0} s warm-up of each set-up; server CPU is A + B + Redis; before timing, a WebSocket message and an SSE event published on A must reach a client on B",
    ["scale-out load"] = $"WS broadcast {s.BroadcastClients:N0} clients × {s.BroadcastRate} msg/s; SSE {s.ScaleOutSseClients:N0} clients × {s.SseRate} ev/s",
    ["generator"] = Workshop.Bench.Load.Hosting.GeneratorEnvironment.Describe(),
    ["logging"] = "reference: Logging:LogLevel:Default and Microsoft.AspNetCore at Warning, Production environment, Release build; Node peers log nothing per request",
};
