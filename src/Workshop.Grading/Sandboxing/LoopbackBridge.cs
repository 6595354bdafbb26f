using System.Net;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// One port of the grader's loopback made reachable from inside a sandbox, at the same address
/// (<c>127.0.0.1:port</c>): for a check that runs a receiver the lab must call (lab 07's webhook sink). Only that port
/// is bridged, only while the check needs it; nothing else of the grader's network is visible inside. When the
/// receiver is gone, the lab sees a reset, as it would without the sandbox.
/// </summary>
internal sealed class LoopbackBridge(int sandboxPid, int port) : IAsyncDisposable
{
    private readonly SocketRelay _relay = new(NetworkNamespace.ListenInside(sandboxPid, port), new IPEndPoint(IPAddress.Loopback, port));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _relay.DisposeAsync();
}
