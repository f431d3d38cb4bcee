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

    /// <summary>
    /// The one secret a printer's registration carries: the Bambu access code (MQTT and FTPS), or
    /// the OctoPrint / Moonraker API key (files). The registry keeps it apart, protected.
    /// </summary>
    public string? Secret() => Dialect switch
    {
        PrinterDialect.Bambu => Bambu?.AccessCode,
        PrinterDialect.OctoPrint => OctoPrint?.ApiKey,
        PrinterDialect.Moonraker => Moonraker?.ApiKey,
        _ => null,
    };

    /// <summary>A copy without its secret, as the registry keeps it.</summary>
    public PrinterRegistration WithoutSecret() => new()
    {
        Id = Id, Name = Name, Dialect = Dialect, Model = Model, Technology = Technology, Materials = Materials?.ToList(),
        Bambu = Bambu is { } b ? new BambuConnection { Host = b.Host, Serial = b.Serial, Port = b.Port, CaCertificate = b.CaCertificate, FtpsPort = b.FtpsPort } : null,
        OctoPrint = OctoPrint is { } o ? new OctoPrintConnection { BaseTopic = o.BaseTopic, Url = o.Url } : null,
        Moonraker = Moonraker is { } m ? new MoonrakerConnection { Instance = m.Instance, Url = m.Url } : null,
    };

    /// <summary>A copy with its secret, for state that may still hold one in plain text.</summary>
    public PrinterRegistration Copy()
    {
        var copy = WithoutSecret();
        if (copy.Bambu is not null) copy.Bambu.AccessCode = Bambu!.AccessCode;
        if (copy.OctoPrint is not null) copy.OctoPrint.ApiKey = OctoPrint!.ApiKey;
        if (copy.Moonraker is not null) copy.Moonraker.ApiKey = Moonraker!.ApiKey;
        return copy;
    }

    /// <summary>Takes the secret out of this registration (after it was protected elsewhere).</summary>
    public void ForgetSecret()
    {
        if (Bambu is not null) Bambu.AccessCode = null;
        if (OctoPrint is not null) OctoPrint.ApiKey = null;
        if (Moonraker is not null) Moonraker.ApiKey = null;
    }

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
        && Bambu?.CaCertificate == other.Bambu?.CaCertificate && Bambu?.FtpsPort == other.Bambu?.FtpsPort
        && OctoPrint?.BaseTopic == other.OctoPrint?.BaseTopic && OctoPrint?.Url == other.OctoPrint?.Url && OctoPrint?.ApiKey == other.OctoPrint?.ApiKey
        && Moonraker?.Instance == other.Moonraker?.Instance && Moonraker?.Url == other.Moonraker?.Url && Moonraker?.ApiKey == other.Moonraker?.ApiKey;

    public override string ToString() => $"printer {Id} ({Dialect}) {(object?)Bambu ?? (object?)OctoPrint ?? Moonraker}";
}
