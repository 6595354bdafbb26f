using System.Buffers;
using System.Text;

namespace Workshop.Protocols.WebSockets;

/// <summary>
/// Collects the fragments of one message up to a size limit. The buffer exists only while a fragmented message is
/// being assembled, so an idle connection holds none.
/// </summary>
internal sealed class MessageAssembler(int maxBytes)
{
    // throwOnInvalidBytes: a lenient decoder would silently turn bad bytes into U+FFFD instead of refusing them (1007).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ArrayBufferWriter<byte>? _buffer;

    public int Length => _buffer?.WrittenCount ?? 0;

    /// <summary>The bytes assembled so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.WrittenSpan;

    /// <summary>Adds a fragment; false when the message would exceed the limit (nothing is added then).</summary>
    public bool TryAppend(ReadOnlySpan<byte> fragment)
    {
        if ((long)Length + fragment.Length > maxBytes) return false;
        if (fragment.IsEmpty) return true;
        _buffer ??= new ArrayBufferWriter<byte>(Math.Max(256, fragment.Length * 2));
        _buffer.Write(fragment);
        return true;
    }

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8; false when they are not valid UTF-8.</summary>
    public static bool TryDecodeText(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>Forgets the assembled message and its buffer.</summary>
    public void Reset() => _buffer = null;
}
