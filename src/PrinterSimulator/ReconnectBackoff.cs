namespace PrintFarm.PrinterSimulator;

/// <summary>
/// Exponential backoff with jitter, so a thousand printers that lost the broker together do not
/// all knock on its door in the same instant when it comes back.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, double jitter, Random random)
{
    private int _failures;

    public static ReconnectBackoff Default(Random random) =>
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), 0.2, random);

    public int Failures => _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseDelay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var factor = 1 + (random.NextDouble() * 2 - 1) * jitter;
        return TimeSpan.FromMilliseconds(baseDelay * factor);
    }

    public void Reset() => _failures = 0;
}
