namespace Workshop.Testing.WebSockets;

/// <summary>One frame as the server sent it.</summary>
public sealed record RawFrame(int Opcode, byte[] Payload)
{
    /// <summary>The close code of a close frame (opcode 8) that carries one.</summary>
    public int? CloseCode => Opcode == 8 && Payload.Length >= 2 ? (Payload[0] << 8) | Payload[1] : null;
}
