namespace PrintFarm.Designs;

/// <summary>
/// An upload the farm will not take, with what is wrong in words for the person who sent it.
/// <see cref="TooLarge"/> answers 413, anything else 400; nothing of it is stored.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.DesignRefusedException")]
public sealed class DesignRefusedException(string problem, bool tooLarge = false) : Exception(problem)
{
    [Id(0)] public bool TooLarge { get; } = tooLarge;
}
