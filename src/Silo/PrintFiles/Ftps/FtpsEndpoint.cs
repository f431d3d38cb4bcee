using System.Net.Security;
using System.Security.Authentication;

namespace PrintFarm.Silo.PrintFiles.Ftps;

/// <summary>Where and how to reach an implicit-FTPS server: for the farm, a Bambu Lab printer's port 990.</summary>
public sealed record FtpsEndpoint
{
    public required string Host { get; init; }
    public int Port { get; init; } = 990;
    public string User { get; init; } = "bblp";

    /// <summary>For Bambu the LAN access code. Left out of <see cref="ToString"/>, logs and exception messages.</summary>
    public required string Password { get; init; }

    /// <summary>
    /// The name the certificate is checked against, sent as SNI, and the key under which .NET
    /// caches the TLS session the data connections resume. For Bambu: the printer's serial,
    /// which is the CN of the certificate the printer presents.
    /// </summary>
    public required string TargetHost { get; init; }

    /// <summary>
    /// Decides about the server's certificate. Required: printers present certificates of
    /// Bambu's own CA, which no system store trusts, so there is no safe default.
    /// </summary>
    public required RemoteCertificateValidationCallback CertificateCheck { get; init; }

    /// <summary>How long one reply, connect or handshake may take; a transfer may take this long without progress.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>None lets the OS choose (TLS 1.3 where both sides have it); <see cref="ForBambu"/> pins TLS 1.2.</summary>
    public SslProtocols SslProtocols { get; init; } = SslProtocols.None;

    /// <summary>
    /// A Bambu printer's endpoint: user bblp, port 990, the serial as TLS name, TLS 1.2.
    /// </summary>
    /// <remarks>
    /// TLS 1.2 although this client also resumes over TLS 1.3 against vsftpd 3.0.3 (the tests do
    /// both): TLS 1.2 resumes the control connection's session id on every data connection, the
    /// way every client known to work with the printers does, and some models cap there anyway.
    /// Over TLS 1.3 each data connection needs a fresh single-use ticket, taken in only by reading
    /// that connection to its end; a vsftpd has been seen refusing, then crashing, on a later data
    /// connection that way (FILES.md §6). One less thing a firmware can get wrong.
    /// </remarks>
    public static FtpsEndpoint ForBambu(string host, string serial, string accessCode, RemoteCertificateValidationCallback certificateCheck) => new()
    {
        Host = host,
        TargetHost = serial,
        Password = accessCode,
        CertificateCheck = certificateCheck,
        SslProtocols = SslProtocols.Tls12,
    };

    public override string ToString() => $"ftps://{User}@{Host}:{Port} (TLS name {TargetHost})";
}
