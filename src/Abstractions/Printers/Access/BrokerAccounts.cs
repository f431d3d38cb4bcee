namespace PrintFarm.Printers.Access;

/// <summary>The printers that may log in, with their hashes, at one version of the book.</summary>
[GenerateSerializer, Alias("PrintFarm.BrokerAccounts")]
public sealed record BrokerAccounts
{
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required List<BrokerAccount> Printers { get; init; }
}
