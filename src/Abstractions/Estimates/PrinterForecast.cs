namespace PrintFarm.Estimates;

/// <summary>
/// A printer as the projected schedule sees it: what it can print and when it is next free
/// (its current print's expected end, or the moment it became idle; a time in the past means
/// idle since then, and the printer idle longest is served first, as the dispatcher does).
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PrinterForecast")]
public sealed record PrinterForecast(
    [property: Id(0)] string PrinterId,
    [property: Id(1)] string Technology,
    [property: Id(2)] IReadOnlyList<string> Materials,
    [property: Id(3)] string? Model,
    [property: Id(4)] DateTimeOffset FreeAt,
    [property: Id(5)] bool Online);
