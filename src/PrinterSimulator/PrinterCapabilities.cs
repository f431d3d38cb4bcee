using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator;

/// <summary>What a printer announces about itself in its retained status.</summary>
public sealed record PrinterCapabilities(
    string Model,
    string Technology,
    IReadOnlyList<string> Materials,
    BuildVolume BuildVolume,
    double NozzleDiameter,
    string Firmware)
{
    public PrinterStatusMessage ToOnlineStatus(DateTimeOffset at) => new()
    {
        Online = true,
        Model = Model,
        Technology = Technology,
        Materials = Materials,
        BuildVolume = BuildVolume,
        NozzleDiameter = NozzleDiameter,
        Firmware = Firmware,
        At = at,
    };
}
