using Workshop.Protocols.WebSockets;
using Workshop.Protocols.WebSockets.Batching;

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
    public async Task A_batch_is_written_out_once_it_would_pass_the_batch_limit()
    {
        var inner = new RecordingStream();
        var stream = new FrameBatchingStream(inner) { Batching = true };
        var first = FrameBatchingStream.MaxBatchBytes - 100;

        await stream.WriteAsync(new byte[first]);
        Assert.Empty(inner.Writes);
        await stream.WriteAsync(new byte[200]); // would pass the limit: both go out now, in order, in one write

        var write = Assert.Single(inner.Writes);
        Assert.Equal(first + 200, write.Length);
    }

    [Fact]
    public async Task Writes_and_flushes_without_a_token_of_their_own_use_the_connections_stop_token()
    {
        using var stop = new CancellationTokenSource();
        var inner = new RecordingStream();
        var stream = new FrameBatchingStream(inner) { Stop = stop.Token };

        await stream.WriteAsync(new byte[] { 1 }, CancellationToken.None);
        await stream.FlushAsync(CancellationToken.None);

        Assert.Equal([stop.Token, stop.Token], inner.Tokens);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public List<CancellationToken> Tokens { get; } = [];

        public int Flushes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            Tokens.Add(cancellationToken);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            Tokens.Add(cancellationToken);
            return Task.CompletedTask;
        }
    }
}
