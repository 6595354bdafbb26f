namespace Workshop.Bench.Load.Report.Charts;

/// <summary>
/// Maps values to pixels on a linear or base-10 logarithmic scale, with round tick values. Latencies span 0.1 ms to
/// seconds and delivery rates 10³ to 10⁶ a second, so those charts are logarithmic; memory is linear from zero.
/// </summary>
internal sealed class Axis
{
    private readonly double _min;
    private readonly double _max;

    public Axis(IEnumerable<double> values, bool log, double from, double to)
    {
        Log = log;
        From = from;
        To = to;
        var finite = values.Where(v => !double.IsNaN(v) && (!log || v > 0)).DefaultIfEmpty(1).ToList();
        if (log)
        {
            _min = Math.Pow(10, Math.Floor(Math.Log10(finite.Min())));
            _max = Math.Pow(10, Math.Ceiling(Math.Log10(finite.Max() * 1.0001)));
        }
        else
        {
            _min = 0;
            _max = Nice(finite.Max() * 1.1);
        }
    }

    public bool Log { get; }
    public double From { get; }
    public double To { get; }

    /// <summary>The pixel of <paramref name="value"/> (clamped to the axis).</summary>
    public double Map(double value)
    {
        var t = Log
            ? (Math.Log10(Math.Max(value, _min)) - Math.Log10(_min)) / (Math.Log10(_max) - Math.Log10(_min))
            : (value - _min) / (_max - _min);
        return From + (Math.Clamp(t, 0, 1) * (To - From));
    }

    /// <summary>Tick values: every power of ten on a log axis, five steps on a linear one.</summary>
    public IEnumerable<double> Ticks()
    {
        if (Log)
        {
            for (var v = _min; v <= _max * 1.0001; v *= 10) yield return v;
            yield break;
        }
        for (var i = 0; i <= 5; i++) yield return _min + ((_max - _min) * i / 5);
    }

    private static double Nice(double value)
    {
        if (value <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var step = new[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }.First(s => s * magnitude >= value);
        return step * magnitude;
    }
}
