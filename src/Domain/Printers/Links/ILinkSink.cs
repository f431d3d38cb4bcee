namespace PrintFarm.Printers.Links;

/// <summary>Where a connection reports what happens on it (the link grain, through its own reference).</summary>
public interface ILinkSink
{
    Task Message(string topic, byte[] payload, DateTimeOffset receivedAt);
    Task Oversized(string topic, long bytes);
    Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at);
}
