namespace PrintFarm.PrinterSimulator;

/// <summary>Typical nozzle and bed temperatures per material, so telemetry looks plausible.</summary>
internal sealed record MaterialProfile(double NozzleCelsius, double BedCelsius)
{
    private static readonly MaterialProfile Default = new(215, 60);

    private static readonly Dictionary<string, MaterialProfile> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PLA"] = new(215, 60),
        ["PETG"] = new(240, 80),
        ["ABS"] = new(250, 100),
        ["ASA"] = new(260, 100),
        ["TPU"] = new(225, 50),
        ["PA"] = new(270, 90),
        ["PC"] = new(275, 110),
    };

    public static MaterialProfile For(string? material) =>
        material is not null && Known.TryGetValue(material, out var profile) ? profile : Default;
}
