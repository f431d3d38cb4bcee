namespace PrintFarm.Estimates;

/// <summary>
/// A printer as the projected schedule sees it: what it can print and when it is next free
/// (its current print's expected end, or the moment it became idle; a time in the past means
/// idle since then, and the printer idle longest is served first, as the dispatcher does).
/// </summary>
public sealed record PrinterForecast(
    string PrinterId,
    string Technology,
    IReadOnlyList<string> Materials,
    string? Model,
    DateTimeOffset FreeAt,
    bool Online);
