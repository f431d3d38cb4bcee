namespace PrintFarm.Silo.Storage;

/// <summary>One vendored SQL script (Storage/Sql) and the query that answers whether its tables are already there.</summary>
public sealed record SchemaScript(string Name, string PresentWhen)
{
    public string Text() => SqliteSchema.Script(Name);

    /// <summary>
    /// The script as it is run. The Quartz script begins by dropping every Quartz table unless
    /// its DropDb switch is 0; we only run it where those tables are absent, and turn the switch
    /// off all the same so no run of ours can ever wipe schedules.
    /// </summary>
    public string Runnable(string text)
    {
        if (!Name.StartsWith("Quartz-", StringComparison.Ordinal)) return text;
        const string drop = "DropDb INT := 1;";
        if (!text.Contains(drop, StringComparison.Ordinal))
            throw new InvalidOperationException($"{Name} no longer has its DropDb switch; check the new copy before running it.");
        return text.Replace(drop, "DropDb INT := 0;", StringComparison.Ordinal);
    }
}
