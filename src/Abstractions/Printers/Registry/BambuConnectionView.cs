namespace PrintFarm.Printers.Registry;

/// <summary>A Bambu connection without its secret.</summary>
[GenerateSerializer, Alias("PrintFarm.BambuConnectionView")]
public sealed record BambuConnectionView
{
    [Id(0)] public string? Host { get; init; }
    [Id(1)] public string? Serial { get; init; }
    [Id(2)] public int Port { get; init; }
    /// <summary>"set" or "missing"; never the code.</summary>
    [Id(3)] public required string AccessCode { get; init; }
    /// <summary>"inline PEM" or the file's path.</summary>
    [Id(4)] public string? CaCertificate { get; init; }
    [Id(5)] public int FtpsPort { get; init; }
}
