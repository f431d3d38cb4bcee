namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// A simulated Moonraker: its instance name (topic prefix) on the farm's broker, and the base URL
/// and API key of its HTTP file endpoints (<c>{Url}server/files/upload</c>), as behind a reverse proxy.
/// </summary>
public sealed record FleetManifestMoonraker(string Instance, string? Url = null, string? ApiKey = null)
{
    // The key is a secret: a logged record must not carry it.
    public override string ToString() => $"moonraker {Instance} {Url}";
}
