namespace Workshop.Playground.Features.Inspector;

/// <summary>One capture as Redis keeps it: the capture and its raw body (base64; the capture's JSON leaves it out).</summary>
internal sealed record RedisCaptureEntry(CapturedRequest Capture, string RawBody);
