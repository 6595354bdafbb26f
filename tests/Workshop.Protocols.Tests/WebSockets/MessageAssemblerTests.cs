using System.Text;
using Workshop.Protocols.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class MessageAssemblerTests
{
    [Fact]
    public void Fragments_are_joined_and_a_character_split_across_them_decodes()
    {
        var bytes = Encoding.UTF8.GetBytes("añb");
        var assembler = new MessageAssembler(100);

        Assert.True(assembler.TryAppend(bytes.AsSpan(0, 2))); // "a" + first byte of "ñ"
        Assert.True(assembler.TryAppend(bytes.AsSpan(2)));

        Assert.True(MessageAssembler.TryDecodeText(assembler.WrittenSpan, out var text));
        Assert.Equal("añb", text);
    }

    [Fact]
    public void A_message_of_exactly_the_limit_fits_and_one_byte_more_is_refused()
    {
        var assembler = new MessageAssembler(10);
        Assert.True(assembler.TryAppend(new byte[6]));
        Assert.True(assembler.TryAppend(new byte[4]));
        Assert.False(assembler.TryAppend(new byte[1]));
        Assert.Equal(10, assembler.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })] // broken two-byte sequence
    [InlineData(new byte[] { 0xFF })] // never valid in UTF-8
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xE2, 0x82 })] // truncated at the end of the message
    public void Invalid_utf8_is_refused_not_replaced(byte[] bytes)
    {
        Assert.False(MessageAssembler.TryDecodeText(bytes, out _));
    }

    [Fact]
    public void An_assembler_holds_no_buffer_until_a_fragment_arrives_and_none_after_reset()
    {
        var assembler = new MessageAssembler(4);
        Assert.True(assembler.TryAppend(ReadOnlySpan<byte>.Empty));
        Assert.Equal(0, assembler.Length);
        Assert.True(assembler.WrittenSpan.IsEmpty);
        assembler.TryAppend("ab"u8);
        assembler.Reset();
        Assert.Equal(0, assembler.Length);
    }

    [Fact]
    public void Reset_starts_the_next_message_empty()
    {
        var assembler = new MessageAssembler(4);
        assembler.TryAppend("abcd"u8);
        assembler.Reset();
        Assert.True(assembler.TryAppend("xy"u8));
        Assert.Equal("xy"u8.ToArray(), assembler.WrittenSpan.ToArray());
    }
}
