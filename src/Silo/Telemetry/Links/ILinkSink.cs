namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>Where a connection reports what happens on it (the link grain, through its own reference).</summary>
internal interface ILinkSink
{
    Task Message(string topic, byte[] payload, DateTimeOffset receivedAt);
    Task Oversized(string topic, long bytes);
    Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at);
}
