namespace PrintFarm.Printers.Registry;

/// <summary>A registration as any API shows it: the access code is only ever "set".</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterRegistrationView")]
public sealed record PrinterRegistrationView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public required PrinterDialect Dialect { get; init; }
    [Id(3)] public string? Model { get; init; }
    [Id(4)] public string? Technology { get; init; }
    [Id(5)] public List<string> Materials { get; init; } = [];
    [Id(6)] public BambuConnectionView? Bambu { get; init; }
    [Id(7)] public string? OctoPrintBaseTopic { get; init; }
    [Id(8)] public string? MoonrakerInstance { get; init; }
    [Id(9)] public RegistrationSource Source { get; init; }
    /// <summary>Where an OctoPrint or Moonraker printer gets its files; null when not registered.</summary>
    [Id(10)] public string? FilesUrl { get; init; }
    /// <summary>An OctoPrint or Moonraker API key: "set" or "missing"; never the key.</summary>
    [Id(11)] public string? ApiKey { get; init; }

    /// <param name="secretSet">Whether the registry keeps a secret for it (it keeps them apart); when not given, whether <paramref name="r"/> has one.</param>
    public static PrinterRegistrationView From(PrinterRegistration r, RegistrationSource source, bool? secretSet = null) => new()
    {
        Id = r.Id!,
        Name = r.Name,
        Dialect = r.Dialect ?? PrinterDialect.Native,
        Model = r.Model,
        Technology = r.Technology,
        Materials = r.Materials?.ToList() ?? [],
        Bambu = r.Bambu is { } b ? new BambuConnectionView
        {
            Host = b.Host,
            Serial = b.Serial,
            Port = b.Port ?? BambuConnection.DefaultPort,
            AccessCode = (secretSet ?? !string.IsNullOrEmpty(b.AccessCode)) ? "set" : "missing",
            CaCertificate = b.CaCertificate is null ? null : b.CaCertificate.StartsWith("-----BEGIN", StringComparison.Ordinal) ? "inline PEM" : b.CaCertificate,
            FtpsPort = b.FtpsPort ?? BambuConnection.DefaultFtpsPort,
        } : null,
        FilesUrl = r.OctoPrint?.Url ?? r.Moonraker?.Url,
        ApiKey = r.Dialect is PrinterDialect.OctoPrint or PrinterDialect.Moonraker
            ? (secretSet ?? !string.IsNullOrEmpty(r.Secret())) ? "set" : "missing"
            : null,
        OctoPrintBaseTopic = r.OctoPrint?.BaseTopic,
        MoonrakerInstance = r.Moonraker?.Instance,
        Source = source,
    };
}
