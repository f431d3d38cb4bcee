namespace PrintFarm.Printers.Access;

/// <summary>What any API shows of a printer's credentials: whether they exist, never the password or its hash.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterCredentialsView")]
public sealed record PrinterCredentialsView
{
    [Id(0)] public required string PrinterId { get; init; }
    [Id(1)] public required DateTimeOffset IssuedAt { get; init; }
    [Id(2)] public DateTimeOffset? RevokedAt { get; init; }
    public bool Active => RevokedAt is null;
}
