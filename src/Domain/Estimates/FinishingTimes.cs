namespace PrintFarm.Estimates;

/// <summary>How long a printed part spends in post-processing and then in quality check.</summary>
public readonly record struct FinishingTimes(TimeSpan PostProcessing, TimeSpan QualityCheck)
{
    public TimeSpan Total => PostProcessing + QualityCheck;
}
