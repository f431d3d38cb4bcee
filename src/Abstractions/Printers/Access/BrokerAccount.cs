namespace PrintFarm.Printers.Access;

[GenerateSerializer, Alias("PrintFarm.BrokerAccount")]
public sealed record BrokerAccount
{
    [Id(0)] public required string PrinterId { get; init; }
    [Id(1)] public required string Hash { get; init; }
}
