namespace PrintFarm.Estimates;

/// <summary>
/// How long prints really take on this farm compared with what the slicer said, per printer
/// model and material. Learned from finished prints as an exponentially weighted ratio
/// actual / estimate, starting from 1.0 (the slicer is right until shown otherwise).
/// <para>
/// Factors are kept at three levels: printer model + material, material alone, and the whole
/// farm. A level with few samples is blended with the level above it, so the first print on a new
/// model moves its factor a little rather than all the way, and a job whose printer is not known
/// yet (still queued) gets the material's factor. Every factor stays within
/// <see cref="PrintTimeLearning.MinFactor"/>..<see cref="PrintTimeLearning.MaxFactor"/>.
/// </para>
/// Not thread-safe: one grain owns it.
/// </summary>
public sealed class PrintTimeModel
{
    private const string Any = "*";

    private readonly PrintTimeLearning _learning;

    public PrintTimeModel() : this(new PrintTimeState(), new PrintTimeLearning())
    {
    }

    public PrintTimeModel(PrintTimeState state, PrintTimeLearning learning)
    {
        State = state;
        _learning = learning;
    }

    public PrintTimeState State { get; }

    /// <summary>Multiply a slicer estimate by this to get the expected print time.</summary>
    public double Factor(string? model, string material)
    {
        var farm = Blend(Find(Any, Any), 1.0);
        var byMaterial = Blend(Find(Any, material), farm);
        return string.IsNullOrWhiteSpace(model) ? byMaterial : Blend(Find(model, material), byMaterial);
    }

    public TimeSpan ExpectedPrintTime(int estimatedSeconds, string? model, string material) =>
        TimeSpan.FromSeconds(Math.Max(0, estimatedSeconds) * Factor(model, material));

    /// <summary>A print finished: it took <paramref name="actualSeconds"/> for a slicer estimate of <paramref name="estimatedSeconds"/>.</summary>
    public void Learn(string? model, string material, int estimatedSeconds, double actualSeconds)
    {
        // Zero or negative times are broken reports, and a failed print says nothing about speed.
        if (estimatedSeconds <= 0 || !(actualSeconds > 0) || double.IsInfinity(actualSeconds)) return;
        var ratio = Clamp(actualSeconds / estimatedSeconds);
        Update(Any, Any, ratio);
        Update(Any, material, ratio);
        if (!string.IsNullOrWhiteSpace(model)) Update(model, material, ratio);
    }

    private void Update(string model, string material, double ratio)
    {
        var key = Key(model, material);
        if (!State.Factors.TryGetValue(key, out var learned)) State.Factors[key] = learned = new LearnedFactor();
        learned.Samples++;
        // A plain mean over the first samples, then a fixed weight: without this the prior 1.0
        // would linger in the average for dozens of prints after the farm has seen the truth.
        var weight = Math.Max(_learning.Smoothing, 1.0 / learned.Samples);
        learned.Ratio = Clamp(learned.Ratio + weight * (ratio - learned.Ratio));
    }

    private double Blend(LearnedFactor? learned, double prior)
    {
        if (learned is null || learned.Samples == 0) return prior;
        var trust = Math.Min(1.0, learned.Samples / (double)Math.Max(1, _learning.TrustAfter));
        return Clamp(prior + trust * (learned.Ratio - prior));
    }

    private double Clamp(double factor) => Math.Clamp(factor, _learning.MinFactor, _learning.MaxFactor);

    private LearnedFactor? Find(string model, string material) =>
        State.Factors.GetValueOrDefault(Key(model, material));

    private static string Key(string model, string material) =>
        $"{model.Trim().ToUpperInvariant()}|{material.Trim().ToUpperInvariant()}";
}
