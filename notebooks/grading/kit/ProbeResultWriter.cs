using System;
using System.IO;
using System.Text;
using System.Text.Json;

// The results file: one tab-separated line per case, each starting with the run's nonce. It is opened before any
// learner code runs; learner code could still write to it, but only the worked answer's run decides what is right.
internal sealed class ProbeResultWriter : IDisposable
{
    private const int MaxValueChars = 32 * 1024;
    private readonly StreamWriter _writer;
    private readonly string _nonce;
    private readonly object _gate = new();

    public ProbeResultWriter(string path, string nonce)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
        _nonce = nonce;
    }

    public void Case(string id, int index, string kind, string label, string value) =>
        Line(id, "case", index.ToString(System.Globalization.CultureInfo.InvariantCulture), kind, Json(label), Json(Bounded(value)));

    public void Failed(string id, string kind, string message) => Line(id, "failed", kind, Json(Bounded(message)));

    public void End(string id) => Line(id, "end");

    private void Line(params string[] fields)
    {
        lock (_gate) _writer.Write(_nonce + "\t" + string.Join("\t", fields) + "\n");
    }

    // A huge result is cut, with its length, so two cut results that differ past the cut still differ.
    private static string Bounded(string value) =>
        value.Length <= MaxValueChars ? value : value[..MaxValueChars] + $"… ({value.Length} characters)";

    private static string Json(string value) => JsonSerializer.Serialize(value);

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
