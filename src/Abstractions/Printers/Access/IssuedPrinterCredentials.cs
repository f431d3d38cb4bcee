namespace PrintFarm.Printers.Access;

/// <summary>A printer's new broker login: shown once to whoever asked, never stored or logged.</summary>
[GenerateSerializer, Alias("PrintFarm.IssuedPrinterCredentials")]
public sealed record IssuedPrinterCredentials
{
    [Id(0)] public required string PrinterId { get; init; }
    [Id(1)] public required string Username { get; init; }
    [Id(2)] public required string Password { get; init; }
    [Id(3)] public required bool Rotated { get; init; }

    /// <summary>A record prints its properties; this one must never print the password.</summary>
    public override string ToString() => $"credentials of printer {PrinterId}";
}
