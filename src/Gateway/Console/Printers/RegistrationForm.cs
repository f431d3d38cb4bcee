using PrintFarm.Printers.Registry;

namespace PrintFarm.Gateway.Console.Printers;

/// <summary>The console's "add a printer" form; it becomes the same registration <c>POST /api/printers</c> takes.</summary>
public sealed class RegistrationForm
{
    public string? ReturnTo { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Dialect { get; set; }
    public string? Model { get; set; }
    public string? Technology { get; set; }
    public string? Materials { get; set; }
    public string? Host { get; set; }
    public string? Serial { get; set; }
    public string? AccessCode { get; set; }
    public string? CaCertificate { get; set; }
    public string? BaseTopic { get; set; }
    public string? Instance { get; set; }
    public string? Url { get; set; }
    public string? ApiKey { get; set; }

    public PrinterRegistration ToRegistration()
    {
        var dialect = Enum.TryParse<PrinterDialect>(Dialect, ignoreCase: true, out var d) && Enum.IsDefined(d) ? d : (PrinterDialect?)null;
        return new PrinterRegistration
        {
            Id = Blank(Id),
            Name = Blank(Name),
            Dialect = dialect,
            Model = Blank(Model),
            Technology = Blank(Technology),
            Materials = Materials?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Bambu = dialect == PrinterDialect.Bambu ? new BambuConnection { Host = Blank(Host), Serial = Blank(Serial), AccessCode = Blank(AccessCode), CaCertificate = Blank(CaCertificate) } : null,
            OctoPrint = dialect == PrinterDialect.OctoPrint ? new OctoPrintConnection { BaseTopic = Blank(BaseTopic), Url = Blank(Url), ApiKey = Blank(ApiKey) } : null,
            Moonraker = dialect == PrinterDialect.Moonraker ? new MoonrakerConnection { Instance = Blank(Instance), Url = Blank(Url), ApiKey = Blank(ApiKey) } : null,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
