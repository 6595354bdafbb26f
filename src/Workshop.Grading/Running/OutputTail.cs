using System.Text;

namespace Workshop.Grading.Running;

/// <summary>
/// The last lines a process printed, bounded in characters: a submission that prints without end costs the grader
/// at most <see cref="MaxChars"/> of memory and its reports show the tail, where the failure usually is.
/// </summary>
internal sealed class OutputTail(int maxChars = OutputTail.DefaultMaxChars)
{
    public const int DefaultMaxChars = 64 * 1024;

    private readonly Queue<string> _lines = new();
    private int _chars;
    private long _dropped;

    public int MaxChars { get; } = maxChars;

    public void Add(string line)
    {
        if (line.Length > MaxChars) line = line[^MaxChars..];
        lock (_lines)
        {
            _lines.Enqueue(line);
            _chars += line.Length + 1;
            while (_chars > MaxChars && _lines.Count > 1)
            {
                _chars -= _lines.Dequeue().Length + 1;
                _dropped++;
            }
        }
    }

    /// <summary>How many lines were added so far (kept or dropped): a mark for <see cref="LinesSince"/>.</summary>
    public long Count
    {
        get { lock (_lines) return _dropped + _lines.Count; }
    }

    /// <summary>The kept lines added at or after <paramref name="mark"/> (a <see cref="Count"/> read earlier).</summary>
    public string[] LinesSince(long mark)
    {
        lock (_lines) return [.. _lines.Skip((int)Math.Clamp(mark - _dropped, 0, _lines.Count))];
    }

    /// <summary>The kept lines, after a note of how many were dropped.</summary>
    public override string ToString() => Last(int.MaxValue);

    public string Last(int lines)
    {
        lock (_lines)
        {
            var text = new StringBuilder();
            var skip = Math.Max(0, _lines.Count - lines);
            if (_dropped > 0 && skip == 0) text.Append("[… ").Append(_dropped).Append(" earlier lines cut]\n");
            foreach (var line in _lines.Skip(skip)) text.Append(line).Append('\n');
            return text.ToString();
        }
    }
}
