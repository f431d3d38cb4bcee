namespace PrintFarm.Estimates;

/// <summary>How <see cref="PrintTimeModel"/> learns; bound from <c>Estimates:Learning</c>.</summary>
public sealed class PrintTimeLearning
{
    /// <summary>
    /// Weight of a new sample once the average is warm. Small enough that one odd print (a
    /// paused job, a slow first layer) barely moves it, large enough to follow a worn nozzle
    /// or a firmware update within a few dozen prints.
    /// </summary>
    public double Smoothing { get; set; } = 0.1;

    /// <summary>
    /// Samples before a learned factor is trusted fully; below that it is blended with the
    /// broader one (model+material with material, material with the whole farm, the farm with 1.0).
    /// </summary>
    public int TrustAfter { get; set; } = 10;

    /// <summary>
    /// Bounds of any factor. No farm prints twice as fast as its slicer says, or two and a half
    /// times as slow; a ratio outside them is a bad report (a print paused overnight), not a lesson.
    /// </summary>
    public double MinFactor { get; set; } = 0.5;

    /// <inheritdoc cref="MinFactor"/>
    public double MaxFactor { get; set; } = 2.5;
}
