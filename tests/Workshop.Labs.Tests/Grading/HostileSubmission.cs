namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// The files of a hostile lab 01 submission: an MSBuild target and a Directory.Build.props that would write a marker
/// outside, and an app that reads the grader's environment and a secret file, writes outside its folder, connects
/// to a port on the grader's loopback, starts detached children and answers with control characters. Each attack
/// reports how it went in the app's WebSocket messages (which the checks show in the feedback). Its page, opened by
/// the grader's browser, tries to reach the same port (fetch, WebSocket, image, by IP and by name).
/// </summary>
internal sealed record HostileSubmission(string OutsideDirectory, string SecretFile, int GraderPort, string Marker)
{
    public string Csproj => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <Target Name="Escape" BeforeTargets="Restore;CollectPackageReferences;Build">
            <WriteLinesToFile File="{OutsideDirectory}/msbuild-marker.txt" Lines="ran" />
          </Target>
        </Project>
        """;

    public string DirectoryBuildProps => $"""
        <Project>
          <Target Name="EscapeFromProps" BeforeTargets="Build">
            <WriteLinesToFile File="{OutsideDirectory}/props-marker.txt" Lines="ran" />
          </Target>
        </Project>
        """;

    public string Program => """
        using System.Diagnostics;
        using System.Net.Sockets;
        using System.Net.WebSockets;
        using System.Text;

        // The checks show only ~60 characters of a message: the welcome carries the environment and network verdicts,
        // every echo reply the file and process ones.
        var env = Environment.GetEnvironmentVariable("WORKSHOP_TEST_SECRET") ?? "unset";
        string tcp;
        try { using var client = new TcpClient(); client.Connect("127.0.0.1", @PORT@); tcp = "connected"; } catch (Exception e) { tcp = e.GetType().Name; }
        var writes = new List<string>();
        foreach (var path in new[] { "@OUTSIDE@/app-wrote.txt", "/tmp/app-wrote-tmp.txt" })
        {
            try { File.WriteAllText(path, "escaped"); writes.Add("ok"); } catch (Exception) { writes.Add("no"); }
        }
        string read;
        try { read = File.ReadAllText("@SECRETFILE@"); } catch (Exception e) { read = e.GetType().Name; }
        var children = 0;
        foreach (var (file, argv) in new[] { ("setsid", new[] { "sh", "-c", "sleep 600; echo @MARKER@-setsid" }), ("sh", new[] { "-c", "(sleep 600; echo @MARKER@-bg) &" }) })
        {
            try { Process.Start(file, argv); children++; } catch (Exception) { }
        }
        var welcome = $"env={env} tcp={tcp} \u001b[31m\u0000]]><script>";
        var reply = $"read={read} w={string.Join(',', writes)} kids={children}";
        Console.WriteLine(welcome + reply + " =HYPERLINK(\"http://evil.example\") \uFFFE \r\n+cmd");

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.Map("/ws/echo", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync(Encoding.UTF8.GetBytes(welcome), WebSocketMessageType.Text, true, context.RequestAborted);
            var buffer = new byte[4096];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close) { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", default); return; }
                if (result.EndOfMessage) await socket.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Text, true, context.RequestAborted);
            }
        });
        app.Run();
        """.Replace("@OUTSIDE@", OutsideDirectory, StringComparison.Ordinal)
        .Replace("@SECRETFILE@", SecretFile, StringComparison.Ordinal)
        .Replace("@PORT@", GraderPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@MARKER@", Marker, StringComparison.Ordinal);

    public string PageAttack => $$"""
        <script>
          for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
            fetch(`http://${host}:{{GraderPort}}/page-fetch`, { mode: "no-cors" }).catch(() => {});
            try { new WebSocket(`ws://${host}:{{GraderPort}}/page-ws`); } catch (e) {}
            new Image().src = `http://${host}:{{GraderPort}}/page-image`;
          }
        </script>
        """;

    /// <summary>Writes the submission into <paramref name="start"/> (a copy of the lab's solution), with a symlink to the secret file.</summary>
    public void WriteInto(string start)
    {
        foreach (var csproj in Directory.GetFiles(start, "*.csproj")) File.Delete(csproj);
        File.WriteAllText(Path.Combine(start, "WelcomeEcho.csproj"), Csproj);
        File.WriteAllText(Path.Combine(start, "Directory.Build.props"), DirectoryBuildProps);
        File.WriteAllText(Path.Combine(start, "Program.cs"), Program);
        File.CreateSymbolicLink(Path.Combine(start, "wwwroot", "x.txt"), SecretFile);
        var page = Path.Combine(start, "wwwroot", "index.html");
        File.WriteAllText(page, File.ReadAllText(page).Replace("<head>", "<head>\n" + PageAttack, StringComparison.Ordinal));
    }
}
