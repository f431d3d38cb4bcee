namespace PrintFarm.Bench.Cluster;

/// <summary>The operator console at the bench's printer count: its fleet page, its live stream, and how soon a tile follows its printer.</summary>
public sealed record ConsoleFigures(ConsoleRenderFigures Render, ConsoleStreamFigures Stream, TileLatencyFigures TileLatency)
{
    /// <summary>All three as not measured, for the same reason (the console could not be signed in to).</summary>
    public static ConsoleFigures NotMeasured(string problem) => new(
        ConsoleRenderFigures.NotMeasured(problem), ConsoleStreamFigures.NotMeasured(problem), TileLatencyFigures.NotMeasured(problem));
}
