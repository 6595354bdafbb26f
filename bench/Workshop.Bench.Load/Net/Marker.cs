using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Workshop.Bench.Load.Net;

/// <summary>
/// The publish timestamp every broadcast message and SSE event carries: <c>@@&lt;Stopwatch ticks&gt;#</c>
/// padded to the message size. The receiver finds it by scanning bytes, so it survives any wrapping a server
/// adds (SSE <c>id:</c>/<c>data:</c> lines, chunked encoding, a JSON envelope).
/// </summary>
internal static class Marker
{
    public static byte[] Create(long ticks, int size)
    {
        var text = "@@" + ticks.ToString(CultureInfo.InvariantCulture) + "#";
        return Encoding.ASCII.GetBytes(text.PadRight(Math.Max(size, text.Length), 'x'));
    }

    public static long MicrosSince(long ticks) => (Stopwatch.GetTimestamp() - ticks) * 1_000_000 / Stopwatch.Frequency;
}

/// <summary>Finds <c>@@digits</c> markers in a byte stream, across read boundaries.</summary>
internal sealed class MarkerScanner(Action<long> onMarker)
{
    private int _state;
    private long _value;
    private int _digits;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            switch (_state)
            {
                case 0:
                    if (b == '@') _state = 1;
                    break;
                case 1:
                    if (b == '@') { _state = 2; _value = 0; _digits = 0; }
                    else _state = 0;
                    break;
                default:
                    if (b is >= (byte)'0' and <= (byte)'9') { _value = (_value * 10) + (b - '0'); _digits++; }
                    else
                    {
                        // "@@@9" is still a marker: a third '@' right after "@@" keeps the scanner waiting for digits.
                        if (_digits > 0) onMarker(_value);
                        _state = b != '@' ? 0 : _digits == 0 ? 2 : 1;
                    }
                    break;
            }
        }
    }
}
