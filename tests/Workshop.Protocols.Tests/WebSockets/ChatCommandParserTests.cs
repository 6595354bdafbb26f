using Workshop.Protocols.WebSockets.Chat;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class ChatCommandParserTests
{
    [Fact]
    public void A_join_is_parsed_with_its_name_trimmed()
    {
        var (command, error) = ChatCommandParser.Parse("""{"type":"join","room":"lobby","name":"  ada "}""");
        Assert.Null(error);
        Assert.Equal(new ChatCommand("join", "lobby", Name: "ada"), command);
    }

    [Fact]
    public void A_say_keeps_its_text_exactly()
    {
        var (command, _) = ChatCommandParser.Parse("""{"type":"say","room":"r-1_x.y","text":" <b>hi</b>\n"}""");
        Assert.Equal(" <b>hi</b>\n", command?.Text);
    }

    [Theory]
    [InlineData("", "bad_json")]
    [InlineData("{\"type\":", "bad_json")]
    [InlineData("\"join\"", "bad_json")]
    [InlineData("""{"room":"lobby"}""", "invalid")]
    [InlineData("""{"type":7,"room":"lobby"}""", "invalid")]
    [InlineData("""{"type":"JOIN","room":"lobby","name":"a"}""", "unknown_type")]
    [InlineData("""{"type":"leave"}""", "invalid")]
    [InlineData("""{"type":"leave","room":""}""", "invalid")]
    [InlineData("""{"type":"leave","room":"a/b"}""", "invalid")]
    [InlineData("""{"type":"join","room":"lobby","name":"   "}""", "invalid")]
    [InlineData("""{"type":"join","room":"lobby","name":"a\u0007b"}""", "invalid")]
    [InlineData("""{"type":"say","room":"lobby","text":""}""", "invalid")]
    public void Bad_frames_become_errors_with_a_code_and_a_reason(string json, string code)
    {
        var (command, error) = ChatCommandParser.Parse(json);
        Assert.Null(command);
        Assert.Equal(code, error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(error?.Reason));
    }

    [Fact]
    public void Lengths_are_limited()
    {
        var longRoom = new string('r', ChatProtocol.MaxRoomLength + 1);
        var longName = new string('n', ChatProtocol.MaxNameLength + 1);
        var longText = new string('t', ChatProtocol.MaxTextLength + 1);
        Assert.Equal("invalid", ChatCommandParser.Parse($$"""{"type":"leave","room":"{{longRoom}}"}""").Error?.Code);
        Assert.Equal("invalid", ChatCommandParser.Parse($$"""{"type":"join","room":"a","name":"{{longName}}"}""").Error?.Code);
        Assert.Equal("invalid", ChatCommandParser.Parse($$"""{"type":"say","room":"a","text":"{{longText}}"}""").Error?.Code);
        Assert.Null(ChatCommandParser.Parse($$"""{"type":"say","room":"a","text":"{{longText[1..]}}"}""").Error);
    }
}
