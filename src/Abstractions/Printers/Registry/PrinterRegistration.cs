namespace PrintFarm.Printers.Registry;

/// <summary>
/// A printer the farm is told about: who it is, what it prints, and how to reach it. Bound from
/// configuration (<c>Fleet:Printers</c>, or the file <c>Fleet:PrintersFile</c>) and read from the
/// body of <c>POST /api/printers</c>; <see cref="PrinterRegistrationValidator"/> says what is wrong.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PrinterRegistration")]
public sealed class PrinterRegistration
{
    [Id(0)] public string? Id { get; set; }
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public PrinterDialect? Dialect { get; set; }
    [Id(3)] public string? Model { get; set; }
    [Id(4)] public string? Technology { get; set; }
    [Id(5)] public List<string>? Materials { get; set; }
    [Id(6)] public BambuConnection? Bambu { get; set; }
    [Id(7)] public OctoPrintConnection? OctoPrint { get; set; }
    [Id(8)] public MoonrakerConnection? Moonraker { get; set; }

    /// <summary>What the dispatcher matches jobs against; real printers do not announce it themselves.</summary>
    public PrinterCapabilities Capabilities() => new()
    {
        Model = Model,
        Technology = Technology ?? "FDM",
        Materials = Materials?.ToList() ?? [],
    };

    /// <summary>The address that must belong to one printer only (serial, base topic or instance).</summary>
    public string? Endpoint() => Dialect switch
    {
        PrinterDialect.Bambu => Bambu?.Serial is { } s ? $"bambu:{s}" : null,
        PrinterDialect.OctoPrint => OctoPrint?.BaseTopic is { } t ? $"octoprint:{t}" : null,
        PrinterDialect.Moonraker => Moonraker?.Instance is { } i ? $"moonraker:{i}" : null,
        _ => null,
    };

    /// <summary>Same printer, same settings (secrets included): registering it again changes nothing.</summary>
    public bool SameAs(PrinterRegistration other) =>
        Id == other.Id && Name == other.Name && Dialect == other.Dialect && Model == other.Model
        && Technology == other.Technology
        && (Materials ?? []).SequenceEqual(other.Materials ?? [])
        && Bambu?.Host == other.Bambu?.Host && Bambu?.Serial == other.Bambu?.Serial
        && Bambu?.AccessCode == other.Bambu?.AccessCode && Bambu?.Port == other.Bambu?.Port
        && Bambu?.CaCertificate == other.Bambu?.CaCertificate
        && OctoPrint?.BaseTopic == other.OctoPrint?.BaseTopic
        && Moonraker?.Instance == other.Moonraker?.Instance;

    public override string ToString() => $"printer {Id} ({Dialect}) {(object?)Bambu ?? (object?)OctoPrint ?? Moonraker}";
}
