// Your turn (01-client-frame): one final text frame, as a client sends it (masked)
byte[] MaskedTextFrame(string text, byte[] mask)
{
    // The length is counted in UTF-8 bytes, not in characters.
    var payload = Encoding.UTF8.GetBytes(text);
    var frame = new List<byte> { 0x80 | 0x1 };   // FIN + opcode text
    if (payload.Length < 126) frame.Add((byte)(0x80 | payload.Length));
    else if (payload.Length <= ushort.MaxValue) { frame.Add(0x80 | 126); frame.Add((byte)(payload.Length >> 8)); frame.Add((byte)payload.Length); }
    else { frame.Add(0x80 | 127); for (var shift = 56; shift >= 0; shift -= 8) frame.Add((byte)((long)payload.Length >> shift)); }
    frame.AddRange(mask);
    for (var i = 0; i < payload.Length; i++) frame.Add((byte)(payload[i] ^ mask[i % 4]));
    return frame.ToArray();
}
