// Your turn (01-client-frame): one final text frame, as a client sends it (masked)
// Wrong: counts characters instead of UTF-8 bytes, and knows only the 7-bit length.
byte[] MaskedTextFrame(string text, byte[] mask)
{
    var payload = Encoding.UTF8.GetBytes(text);
    var frame = new List<byte> { 0x81, (byte)(0x80 | text.Length) };
    frame.AddRange(mask);
    for (var i = 0; i < payload.Length; i++) frame.Add((byte)(payload[i] ^ mask[i % 4]));
    return frame.ToArray();
}
