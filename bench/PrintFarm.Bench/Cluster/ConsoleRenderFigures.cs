namespace PrintFarm.Bench.Cluster;

/// <summary>
/// <c>GET /console/fleet?group=none</c> once every printer is online. Cold: the first request
/// (the gateway's copy of the fleet is read from the fleet view for it); until all: from that
/// request to the first page reporting every printer; warm: the next request, from the copy.
/// All pages: page 1 to the last, one after the other, so every printer's tile was rendered once.
/// </summary>
public sealed record ConsoleRenderFigures(
    int? Printers, int? Pages, double? ColdMs, int Requests, double? UntilAllMs, double? WarmMs, long? PageBytes,
    double? AllPagesMs, long? AllPagesBytes, int? TilesRendered, string? Problem)
{
    public static ConsoleRenderFigures NotMeasured(string problem) => new(null, null, null, 0, null, null, null, null, null, null, problem);
}
