namespace Workshop.Playground.Features.Inspector;

/// <summary>A capture as the store keeps it: with its place in arrival order and its estimated size (a class: compared by reference).</summary>
internal sealed class StoredCapture(CapturedRequest capture, long sequence, long bytes)
{
    /// <summary>The capture.</summary>
    public CapturedRequest Capture { get; } = capture;

    /// <summary>Arrival order over the whole store.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Its <see cref="CaptureSize"/> estimate.</summary>
    public long Bytes { get; } = bytes;
}
