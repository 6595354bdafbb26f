using System.Globalization;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// CPU used by the server and by this generator while a window is open, as a share of one core. A generator
/// near 100 % means the figure is the generator's limit, not the server's; a server well under 100 % with
/// missing deliveries means it is waiting on something (or on the generator). The server's share sums every
/// process of the deployment (two instances and Redis in the scale-out set-up, all on the one server core).
/// </summary>
internal sealed class CpuProbe(IReadOnlyList<int> serverPids)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.
    private TimeSpan _server0;
    private TimeSpan _self0;
    private DateTime _wall0;

    /// <summary>The probe the running window reports to; set by the driver around each run.</summary>
    public static CpuProbe? Current { get; set; }

    public double ServerShare { get; private set; } = double.NaN;
    public double GeneratorShare { get; private set; } = double.NaN;

    public void Start()
    {
        _server0 = ServerCpu();
        _self0 = Environment.CpuUsage.TotalTime;
        _wall0 = DateTime.UtcNow;
    }

    public void Stop()
    {
        var wall = (DateTime.UtcNow - _wall0).TotalSeconds;
        if (wall <= 0) return;
        ServerShare = (ServerCpu() - _server0).TotalSeconds / wall;
        GeneratorShare = (Environment.CpuUsage.TotalTime - _self0).TotalSeconds / wall;
    }

    private TimeSpan ServerCpu() => serverPids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + CpuTimeOf(pid));

    /// <summary>User + system CPU time a process has used so far (zero when it is gone).</summary>
    public static TimeSpan CpuTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
