namespace PrintFarm.Bench.Cluster;

/// <summary>
/// The fleet page's live stream (<c>/console/live/fleet</c>, the page's own <c>data-stream</c>)
/// over the steady window: every byte received, and the <c>swap</c> events among them.
/// </summary>
public sealed record ConsoleStreamFigures(double? Seconds, long Bytes, int Events, int Tiles, string? Problem)
{
    public double? BytesPerSecond => Seconds is > 0 and var s ? Bytes / s : null;
    public double? EventsPerSecond => Seconds is > 0 and var s ? Events / s : null;

    public static ConsoleStreamFigures NotMeasured(string problem) => new(null, 0, 0, 0, problem);
}
