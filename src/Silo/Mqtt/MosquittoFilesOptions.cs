namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Bound from <c>Mosquitto</c>: where a silo keeps mosquitto's printer files up to date (see
/// deploy/mosquitto/). Unset: the silo writes none (the embedded broker needs none).
/// </summary>
public sealed class MosquittoFilesOptions
{
    public const string Section = "Mosquitto";

    /// <summary>The printers listener's <c>password_file</c>, rewritten from the farm's credentials.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>The printers listener's <c>acl_file</c>.</summary>
    public string? AclFile { get; set; }

    /// <summary>
    /// mosquitto's pid file: after each rewrite the silo sends it SIGHUP, and mosquitto reloads
    /// both files and checks every connected client again, dropping one whose login is gone.
    /// Unset: reload mosquitto yourself (systemctl reload mosquitto).
    /// </summary>
    public string? PidFile { get; set; }

    internal bool Enabled => !string.IsNullOrWhiteSpace(PasswordFile) && !string.IsNullOrWhiteSpace(AclFile);
}
