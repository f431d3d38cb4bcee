namespace PrintFarm.Estimates;

/// <summary>
/// The learned print-time factors, stored by the grain that learns them. Keys are
/// <c>MODEL|MATERIAL</c>, <c>*|MATERIAL</c> and <c>*|*</c> (see <see cref="PrintTimeModel"/>).
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PrintTimeState")]
public sealed class PrintTimeState
{
    [Id(0)] public Dictionary<string, LearnedFactor> Factors { get; set; } = [];
}
