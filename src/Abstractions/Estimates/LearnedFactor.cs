namespace PrintFarm.Estimates;

/// <summary>What the farm has learned about one group of prints: actual time over slicer time.</summary>
[GenerateSerializer, Alias("PrintFarm.LearnedFactor")]
public sealed class LearnedFactor
{
    /// <summary>Exponentially weighted average of actual / slicer estimate.</summary>
    [Id(0)] public double Ratio { get; set; } = 1.0;
    [Id(1)] public int Samples { get; set; }
}
