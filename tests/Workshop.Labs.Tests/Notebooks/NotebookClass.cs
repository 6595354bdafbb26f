using Workshop.Grading.Checks;
using Workshop.Grading.Notebooks;
using Workshop.Grading.Running;
using Workshop.Grading.Sandboxing;
using Workshop.Grading.Submissions;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>
/// One class of notebook submissions graded once (one template build, one run of the worked answers), in the
/// sandbox: the tests then read its grades. Needs bubblewrap like every sandboxed grading test: without it this
/// fails, never skips.
/// </summary>
public sealed class NotebookClass : IAsyncLifetime
{
    public const string Marker = "/tmp/workshop-notebook-mischief.txt";

    // Not CreateTempSubdirectory (mode 0700): the sandbox's user must be able to reach its folders inside.
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workshop-nbgrade-" + Guid.NewGuid().ToString("N"))).FullName;

    public Dictionary<string, StudentGrade> Grades { get; } = [];

    public string Submissions => Path.Combine(_root, "submissions");

    public async Task InitializeAsync()
    {
        File.Delete(Marker);
        Build();
        var (sandbox, reason) = await Sandbox.DetectAsync();
        Assert.True(sandbox is not null, $"grading needs the sandbox: {reason}");
        var catalog = NotebookCatalog.Load(NotebookSubmission.NotebooksDirectory);
        var grader = new NotebookGrader(catalog, new LabRunnerOptions { Sandbox = sandbox }, Path.Combine(_root, "scratch", ".templates", "notebooks"));
        foreach (var student in SubmissionGrader.StudentFolders(Submissions))
        {
            var name = Path.GetFileName(student);
            var reports = await grader.GradeAsync(student, Path.Combine(_root, "scratch", name));
            Grades[name] = new StudentGrade(name, reports);
        }
    }

    /// <summary>The verdict text ("passed", "not done yet: …", "wrong: …") of one exercise of one student.</summary>
    public CheckResult Result(string student, string exercise) =>
        Grades[student].Reports.SelectMany(r => r.Results).Single(r => r.Task == exercise);

    private void Build()
    {
        string Student(string name) => Path.Combine(Submissions, name);
        new NotebookSubmission(Student("answers")).Write(NotebookSubmission.Answer);
        new NotebookSubmission(Student("shipped")).Write(_ => null);
        new NotebookSubmission(Student("wrong")).Write(NotebookSubmission.WrongAnswer);
        new NotebookSubmission(Student("forger")).Write(id => id switch
        {
            "00-websocket-url" => ForgedResultsFile,
            "02-replay-after" => PrintedPass,
            _ => null,
        });
        new NotebookSubmission(Student("hanger")).Write(id => id switch
        {
            "03-retry-delay" => SpinsForever,
            "02-format-event" => SleepsForever,
            _ => NotebookSubmission.Answer(id),
        });
        // Calls the workshop's reference implementation instead of writing the code (the notebooks reference the library).
        new NotebookSubmission(Student("cheater")).Write(id => id switch
        {
            "03-razorpay-verify" => CallsTheReferenceSigner,
            "03-retry-delay" => CallsTheReferenceSchedule,
            _ => NotebookSubmission.Answer(id),
        });
        // Extra cells: untagged, tagged with a made-up exercise, and a "check" cell; none of them may run.
        var mischief = $"System.IO.File.WriteAllText(\"{Marker}\", System.Environment.GetEnvironmentVariable(\"HOME\"));";
        new NotebookSubmission(Student("mischief")).Write(NotebookSubmission.Answer,
            [NotebookSubmission.CodeCell(mischief), NotebookSubmission.CodeCell("// Your turn (00-extra): mine\n" + mischief, "exercise"), NotebookSubmission.CodeCell(mischief, "check")]);
        // One cell that does not compile, a notebook that is not JSON, and one over the size limit.
        new NotebookSubmission(Student("broken")).Write(id => id == "04-polling-cost" ? "// Your turn (04-polling-cost): mine\nthis is not C#" : NotebookSubmission.Answer(id))
            .Replace("03-webhooks.ipynb", "{ \"cells\": [ { \"cell_type\": ")
            .Replace("01-websockets.ipynb", "{ \"cells\": [], \"pad\": \"" + new string('x', 5 * 1024 * 1024) + "\" }");
    }

    private const string CallsTheReferenceSigner = """
        // Your turn (03-razorpay-verify): is X-Razorpay-Signature the hex HMAC-SHA256 of the raw body?
        bool VerifyRazorpay(string secret, byte[] rawBody, string? signatureHeader) =>
            string.Equals(signatureHeader?.Trim(), Workshop.Protocols.Webhooks.WebhookSigner.SignRazorpay(secret, rawBody), StringComparison.OrdinalIgnoreCase);
        """;

    private const string CallsTheReferenceSchedule = """
        // Your turn (03-retry-delay): the wait before retry number `retry`: exponential, capped, with jitter
        using Workshop.Protocols.Webhooks;
        TimeSpan RetryDelay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random) =>
            new RetrySchedule(baseDelay, maxDelay, int.MaxValue, () => random).NextDelay(retry)!.Value;
        """;

    // Writes a result line per case in the probe's own framing (nonce and all, read from the command line), claiming
    // the check cell's first answer for every case, then ends the process before the probe can write its own lines.
    private const string ForgedResultsFile = """
        // Your turn (00-websocket-url): the WebSocket URL for a page's address and an endpoint path
        string WebSocketUrlFor(string pageUrl, string path)
        {
            throw new NotImplementedException();
        }
        Console.WriteLine("[passed] 00-websocket-url");
        var forgedArgs = Environment.GetCommandLineArgs();
        var forgedNonce = forgedArgs[Array.IndexOf(forgedArgs, "--nonce") + 1];
        var forged = new StringBuilder();
        for (var i = 0; i < 40; i++) forged.Append($"{forgedNonce}\t00-websocket-url\tcase\t{i}\tok\t\"forged\"\t\"\\\"ws://127.0.0.1:5000/ws\\\"\"\n");
        forged.Append($"{forgedNonce}\t00-websocket-url\tend\n");
        using (var results = new System.IO.FileStream(forgedArgs[Array.IndexOf(forgedArgs, "--results") + 1], System.IO.FileMode.Append, System.IO.FileAccess.Write, System.IO.FileShare.ReadWrite))
        {
            results.Write(Encoding.UTF8.GetBytes(forged.ToString()));
        }
        Console.Out.Flush();
        Environment.Exit(0);
        """;

    private const string PrintedPass = """
        // Your turn (02-replay-after): the events to send a client that reconnects with Last-Event-ID, or null when it cannot resume
        List<(long Id, string Data)>? EventsToReplay(IReadOnlyList<(long Id, string Data)> log, string? lastEventId)
        {
            Console.WriteLine("[passed] 02-replay-after");
            Console.WriteLine("\t02-replay-after\tcase\t0\tok\t\"x\"\t\"[]\"");
            return [];
        }
        Console.WriteLine("[passed] 02-replay-after");
        """;

    private const string SpinsForever = """
        // Your turn (03-retry-delay): the wait before retry number `retry`: exponential, capped, with jitter
        TimeSpan RetryDelay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random)
        {
            var spins = 0L;
            while (spins >= 0) spins = (spins + 1) % 1000;
            return baseDelay;
        }
        """;

    private const string SleepsForever = """
        // Your turn (02-format-event): one event with id, retry and (possibly multi-line) data
        string FormatEvent(long id, int retryMilliseconds, string data)
        {
            System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
            return "";
        }
        """;

    public Task DisposeAsync()
    {
        File.Delete(Marker);
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
