namespace PrintFarm.Printers.Registry;

/// <summary>Where a Bambu Lab printer's own broker is and how to prove it is that printer.</summary>
[GenerateSerializer, Alias("PrintFarm.BambuConnection")]
public sealed class BambuConnection
{
    public const int DefaultPort = 8883;
    /// <summary>Implicit FTPS to the SD card, where the farm puts each job's file.</summary>
    public const int DefaultFtpsPort = 990;

    /// <summary>The printer's address on the LAN (IP or host name).</summary>
    [Id(0)] public string? Host { get; set; }
    /// <summary>The printer's serial: the topic segment and the name its certificate must carry.</summary>
    [Id(1)] public string? Serial { get; set; }
    /// <summary>The LAN access code (the MQTT password). A secret: never shown, never logged.</summary>
    [Id(2)] public string? AccessCode { get; set; }
    [Id(3)] public int? Port { get; set; }
    /// <summary>The CA that signed the printer's certificate: PEM text, or the path of a PEM file on the silos.</summary>
    [Id(4)] public string? CaCertificate { get; set; }
    /// <summary>The printer's FTPS port (990 when not given); the same access code and pinned CA as its MQTT.</summary>
    [Id(5)] public int? FtpsPort { get; set; }

    /// <summary>Never prints the access code, so a stray log line or exception cannot leak it.</summary>
    public override string ToString() => $"bambu {Serial}@{Host}:{Port ?? DefaultPort}";
}
