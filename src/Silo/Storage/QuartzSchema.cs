namespace PrintFarm.Silo.Storage;

/// <summary>
/// Quartz.NET's job-store tables for PostgreSQL, taken from the Quartz package in use: the script
/// its ADO.NET job store itself runs to create what is missing (embedded in Quartz.dll). Every
/// statement is a CREATE ... IF NOT EXISTS, so it can run again; and it always matches the
/// Quartz version the silo runs, which validates the schema at start and refuses one it does
/// not know (a copy of an older release's script lacks tables Quartz 4 needs).
/// </summary>
public static class QuartzSchema
{
    /// <summary>Quartz's default table prefix, which the silo's scheduler uses.</summary>
    public const string TablePrefix = "qrtz_";

    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static string CreateScript()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The Quartz package no longer carries {Resource}; check how this Quartz version creates its schema.");
        using var reader = new StreamReader(stream);
        // {0}: the prefix as tables take it; {1}: the same without a schema qualifier, for index names.
        return reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
    }
}
