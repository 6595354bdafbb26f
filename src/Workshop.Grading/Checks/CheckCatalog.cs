using Workshop.Grading.Labs;

namespace Workshop.Grading.Checks;

/// <summary>The instructor's checks of every lab, by lab id. Grading always uses these, never a submission's copy.</summary>
public static class CheckCatalog
{
    private static readonly Dictionary<string, ILabCheckSet> Sets = new ILabCheckSet[]
    {
        new WebSocketWelcomeEchoChecks(),
        new WebSocketChatChecks(),
        new WebSocketResilienceChecks(),
        new SseLiveFeedChecks(),
        new SseResumeChecks(),
        new NotificationsChecks(),
        new WebhookReceiverChecks(),
        new WebhookSenderChecks(),
        new PaymentsDashboardChecks(),
        new MultiplayerGameChecks(),
    }.ToDictionary(s => s.LabId);

    /// <summary>The lab ids that have checks.</summary>
    public static IReadOnlyCollection<string> LabIds => Sets.Keys;

    /// <summary>The checks of a lab (empty when the lab has none yet).</summary>
    public static IReadOnlyList<LabCheck> For(string labId) => Sets.TryGetValue(labId, out var set) ? set.Checks : [];
}
