namespace PrintFarm.Printers.Registry;

/// <summary>A Moonraker instance as the farm reaches it: its [mqtt] topics, and its HTTP API for files.</summary>
[GenerateSerializer, Alias("PrintFarm.MoonrakerConnection")]
public sealed class MoonrakerConnection
{
    /// <summary>Moonraker's <c>instance_name</c>, the first topic segment of everything it publishes.</summary>
    [Id(0)] public string? Instance { get; set; }
    /// <summary>Where its API answers (e.g. <c>http://10.0.0.8:7125/</c>): files are uploaded to <c>server/files/upload</c> under it.</summary>
    [Id(1)] public string? Url { get; set; }
    /// <summary>Its API key, when authorization is on (not needed from a trusted client address). A secret: never shown, never logged.</summary>
    [Id(2)] public string? ApiKey { get; set; }

    public override string ToString() => $"moonraker {Instance}{(Url is null ? "" : $" {Url}")}";
}
