namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// A simulated OctoPrint: its MQTT plugin base topic on the farm's broker, and the base URL and API
/// key of its REST file endpoints (<c>{Url}api/files/local</c>), as behind a reverse proxy.
/// </summary>
public sealed record FleetManifestOctoPrint(string BaseTopic, string? Url = null, string? ApiKey = null)
{
    // The key is a secret: a logged record must not carry it.
    public override string ToString() => $"octoprint {BaseTopic} {Url}";
}
