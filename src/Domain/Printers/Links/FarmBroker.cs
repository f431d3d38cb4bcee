using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Printers.Links;

/// <summary>The farm's own MQTT broker, where OctoPrint and Moonraker printers publish. Holds a password: <see cref="ToString"/> never shows it.</summary>
public sealed record FarmBroker(string Host, int Port, string? Username, string? Password)
{
    /// <summary>Links reach the broker over TLS, as the silo does (Mqtt:UseTls).</summary>
    public bool UseTls { get; init; }

    /// <summary>The name the broker's certificate must carry (Mqtt:TlsServerName, else the host).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The broker's CA (Mqtt:CaFile); null: the machine's trust store.</summary>
    public X509Certificate2Collection? Authorities { get; init; }

    public override string ToString() => $"{Host}:{Port}{(UseTls ? " (TLS)" : "")}";
}
