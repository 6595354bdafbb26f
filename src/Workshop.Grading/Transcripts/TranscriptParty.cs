namespace Workshop.Grading.Transcripts;

/// <summary>Who took part in an exchange: the lifelines of a transcript's sequence diagram.</summary>
public enum TranscriptParty
{
    /// <summary>The grader's own client (HTTP, WebSocket, SSE).</summary>
    Checker,

    /// <summary>The lab under test.</summary>
    App,

    /// <summary>The headless browser running the lab's page.</summary>
    Browser,

    /// <summary>A receiver the check runs for the lab to call (a webhook sink).</summary>
    Sink,
}
