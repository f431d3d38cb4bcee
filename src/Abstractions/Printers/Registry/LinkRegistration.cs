namespace PrintFarm.Printers.Registry;

/// <summary>
/// What a printer's link gets from the registry: the registration without its secret, and the
/// secret in its protected form, which only the link unprotects, when it connects. So no call
/// between silos carries an access code in plain text.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.LinkRegistration")]
public sealed class LinkRegistration
{
    [Id(0)] public required PrinterRegistration Registration { get; init; }
    [Id(1)] public string? ProtectedSecret { get; init; }

    /// <summary>Same settings and the same stored secret: the link keeps its connection.</summary>
    public bool SameAs(LinkRegistration other) => Registration.SameAs(other.Registration) && ProtectedSecret == other.ProtectedSecret;
}
