using Workshop.Protocols.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class FrameBatchingStreamTests
{
    [Fact]
    public async Task Frames_written_while_batching_go_out_with_the_next_unbatched_frame_in_one_write()
    {
        var inner = new RecordingStream();
        var stream = new FrameBatchingStream(inner) { Batching = true };

        await stream.WriteAsync(new byte[] { 1, 2 });
        await stream.FlushAsync();
        await stream.WriteAsync(new byte[] { 3 });
        await stream.FlushAsync();
        Assert.Empty(inner.Writes);
        Assert.Equal(0, inner.Flushes);

        stream.Batching = false;
        await stream.WriteAsync(new byte[] { 4, 5 });
        await stream.FlushAsync();

        var write = Assert.Single(inner.Writes);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, write);
        Assert.Equal(1, inner.Flushes);
    }

    [Fact]
    public async Task Without_batching_every_write_and_flush_passes_straight_through()
    {
        var inner = new RecordingStream();
        var stream = new FrameBatchingStream(inner);

        await stream.WriteAsync(new byte[] { 1 });
        await stream.FlushAsync();
        await stream.WriteAsync(new byte[] { 2 });

        Assert.Equal([[1], [2]], inner.Writes);
        Assert.Equal(1, inner.Flushes);
    }

    [Fact]
    public async Task A_batch_is_written_out_before_it_would_pass_64_KiB()
    {
        var inner = new RecordingStream();
        var stream = new FrameBatchingStream(inner) { Batching = true };

        await stream.WriteAsync(new byte[40 * 1024]);
        await stream.WriteAsync(new byte[30 * 1024]); // would make 70 KiB: both go out now, in order

        var write = Assert.Single(inner.Writes);
        Assert.Equal(70 * 1024, write.Length);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public int Flushes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }
    }
}
