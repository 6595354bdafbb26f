/// <summary>The sender's settings (section "Sender" of appsettings.json).</summary>
public sealed class SenderOptions
{
    /// <summary>The Standard Webhooks secret: "whsec_" + base64 of the key bytes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The wait after the first failure; it doubles after each further failure.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The cap: no wait is ever longer than this.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this many failed attempts the event is given up ("failed").</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long one attempt may wait for the receiver's answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the outbox file lives (relative to the content root).</summary>
    public string DataDirectory { get; set; } = ".data";
}
