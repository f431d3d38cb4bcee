using System.Threading.Channels;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;

namespace PrintFarm.Tests.Links;

/// <summary>Stands in for the link grain: keeps what the connection reports about itself, in order.</summary>
internal sealed class RecordingLinkSink : ILinkSink
{
    private readonly Channel<(bool Connected, string? Problem)> _changes = Channel.CreateUnbounded<(bool, string?)>();

    public Task Message(string topic, byte[] payload, DateTimeOffset receivedAt) => Task.CompletedTask;

    public Task Oversized(string topic, long bytes) => Task.CompletedTask;

    public Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at)
    {
        _changes.Writer.TryWrite((connected, problem));
        return Task.CompletedTask;
    }

    /// <summary>The next change reported; fails after a few real seconds if none comes.</summary>
    public async Task<(bool Connected, string? Problem)> Next()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _changes.Reader.ReadAsync(patience.Token);
    }
}
