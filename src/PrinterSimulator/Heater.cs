namespace PrintFarm.PrinterSimulator;

/// <summary>
/// A nozzle or bed heater as a first-order lag: it closes a fixed fraction of the gap to its
/// target per time constant, which is close enough to a PID-held heater for dashboards.
/// </summary>
internal sealed class Heater
{
    private readonly double _ambientCelsius;
    private readonly TimeSpan _timeConstant;

    public Heater(double ambientCelsius, TimeSpan timeConstant)
    {
        _ambientCelsius = ambientCelsius;
        _timeConstant = timeConstant;
        Actual = ambientCelsius;
    }

    public double Actual { get; private set; }

    /// <summary>0 means the heater is off and drifts back to room temperature.</summary>
    public double Target { get; set; }

    public void Advance(TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero) return;
        var goal = Target > 0 ? Target : _ambientCelsius;
        var closed = 1 - Math.Exp(-elapsed / _timeConstant);
        Actual += (goal - Actual) * closed;
    }
}
