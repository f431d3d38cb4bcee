namespace PrintFarm.Silo.Storage;

/// <summary>
/// One schema script and the query that answers whether its tables are already there (null for a
/// script that is safe to run again; it runs once): a vendored Orleans script (Storage/Sql), or
/// Quartz's own (<see cref="QuartzSchema"/>).
/// </summary>
public sealed record SchemaScript(string Name, string? PresentWhen)
{
    public const string Quartz = "Quartz-PostgreSQL.sql";

    public string Text() => Name == Quartz ? QuartzSchema.CreateScript() : SqliteSchema.Script(Name);

    /// <summary>The script as it is run. Quartz's only creates what is missing and never drops anything.</summary>
    public string Runnable(string text) => text;
}
