using System.Security.Cryptography.X509Certificates;

using PrintFarm.Protocol;

namespace PrintFarm.Printers.Links;

/// <summary>How one link connects. Holds a password: <see cref="ToString"/> never shows it.</summary>
public sealed class LinkConnectionSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string ClientId { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public bool CleanSession { get; init; } = true;
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);
    public required IReadOnlyList<(string Filter, MessageQos Qos)> Subscriptions { get; init; }

    /// <summary>Set for TLS: the name sent as SNI and the check of the server's certificate (null = fine).</summary>
    public string? TlsTargetHost { get; init; }
    public Func<X509Certificate2, IReadOnlyList<X509Certificate2>, string?>? CertificateProblem { get; init; }

    public required TimeSpan ConnectTimeout { get; init; }
    public required TimeSpan ReconnectDelay { get; init; }
    public required TimeSpan ReconnectMaxDelay { get; init; }
    public required int MaxPayloadBytes { get; init; }

    public override string ToString() => $"{ClientId}@{Host}:{Port}{(TlsTargetHost is null ? "" : " (TLS)")}";
}
