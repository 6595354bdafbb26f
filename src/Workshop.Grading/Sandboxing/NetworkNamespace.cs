using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// Opens a listening socket inside another process's network namespace: a dedicated thread joins the namespace
/// (<c>setns</c>), creates and binds the socket, and goes back. The socket stays in that namespace, whichever thread
/// later accepts on it. Needs the privilege to join it (the grader running as root).
/// </summary>
internal static partial class NetworkNamespace
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>A socket listening on 127.0.0.1:<paramref name="port"/> in the network namespace of process <paramref name="pid"/>.</summary>
    public static Socket ListenInside(int pid, int port)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var own = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle($"/proc/{pid}/ns/net");
                if (SetNs(target.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                {
                    throw new IOException($"cannot enter the sandbox's network (setns: errno {Marshal.GetLastPInvokeError()}); this needs a grader running as root");
                }
                try
                {
                    var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    listener.Listen(64);
                    socket = listener;
                }
                finally
                {
                    // Back to the grader's network; if that failed, this thread ends here anyway and nothing else runs on it.
                    _ = SetNs(own.DangerousGetHandle().ToInt32(), CloneNewNet);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "sandbox network" };
        thread.Start();
        thread.Join();
        return socket ?? throw (failure as IOException ?? new IOException("cannot listen inside the sandbox's network", failure));
    }

    /// <summary>The first child of <paramref name="pid"/> (bubblewrap's init in the sandbox's namespaces), or null.</summary>
    public static int? FirstChild(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 && int.TryParse(children[0], out var child) ? child : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
