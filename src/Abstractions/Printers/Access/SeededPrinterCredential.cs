namespace PrintFarm.Printers.Access;

/// <summary>One entry of the seed file as it reaches the grain: the hash, and whether the stored hash already matched the password.</summary>
[GenerateSerializer, Alias("PrintFarm.SeededPrinterCredential")]
public sealed record SeededPrinterCredential
{
    [Id(0)] public required string PrinterId { get; init; }
    [Id(1)] public required string Hash { get; init; }
    [Id(2)] public required bool SamePassword { get; init; }
}
