using System.Buffers;
using System.Text;

namespace Workshop.Protocols.WebSockets;

/// <summary>Collects the fragments of one message up to a size limit, then decodes it strictly.</summary>
internal sealed class MessageAssembler(int maxBytes)
{
    // throwOnInvalidBytes: a lenient decoder would silently turn bad bytes into U+FFFD instead of refusing them (1007).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int Length => _buffer.WrittenCount;

    /// <summary>Adds a fragment; false when the message would exceed the limit (nothing is added then).</summary>
    public bool TryAppend(ReadOnlySpan<byte> fragment)
    {
        if ((long)_buffer.WrittenCount + fragment.Length > maxBytes) return false;
        _buffer.Write(fragment);
        return true;
    }

    /// <summary>A copy of the assembled bytes, so the buffer can be reused for the next message.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Decodes the assembled bytes as UTF-8; false when they are not valid UTF-8.</summary>
    public bool TryDecodeText(out string text)
    {
        try
        {
            text = StrictUtf8.GetString(_buffer.WrittenSpan);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    public void Reset() => _buffer.ResetWrittenCount();
}
