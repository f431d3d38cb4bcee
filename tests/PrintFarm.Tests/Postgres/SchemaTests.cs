using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.Silo.Storage;

namespace PrintFarm.Tests.Postgres;

/// <summary>db init against a real PostgreSQL: everything in place the first time, nothing changed the second.</summary>
[Trait("Category", "Postgres")]
public sealed class SchemaTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly string[] Tables =
        ["orleansquery", "orleansmembershiptable", "orleansmembershipversiontable", "orleansstorage", "orleansreminderstable", "qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_fired_triggers"];

    [Fact]
    public async Task Db_init_creates_every_table_and_a_second_run_changes_nothing()
    {
        var database = await postgres.NewDatabase();

        var first = await RunDbInit(database);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(PostgresSchema.Scripts.Count, first.Output.Split('\n').Count(l => l.TrimEnd().EndsWith(" applied", StringComparison.Ordinal) && !l.Contains("already")));
        foreach (var table in Tables) Assert.True(await Sql.Scalar<bool>(database, $"SELECT to_regclass('{table}') IS NOT NULL"), $"{table} missing after db init");
        Assert.Equal(1L, await Sql.Scalar<long>(database, "SELECT count(*) FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntriesKey'"));

        var queriesBefore = await Sql.Scalar<long>(database, "SELECT count(*) FROM orleansquery");
        var historyBefore = await Sql.Strings(database, "SELECT script || ' ' || outcome || ' ' || applied_at FROM printfarm_schema ORDER BY script");

        var second = await RunDbInit(database);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing changed", second.Output);
        Assert.Equal(PostgresSchema.Scripts.Count, second.Output.Split('\n').Count(l => l.Contains("already applied")));
        Assert.Equal(queriesBefore, await Sql.Scalar<long>(database, "SELECT count(*) FROM orleansquery"));
        Assert.Equal(historyBefore, await Sql.Strings(database, "SELECT script || ' ' || outcome || ' ' || applied_at FROM printfarm_schema ORDER BY script"));
    }

    [Fact]
    public async Task Tables_created_by_someone_else_are_recorded_not_created_again()
    {
        var database = await postgres.NewDatabase();
        // A DBA ran Orleans' Main and Persistence scripts by hand, and stored something already.
        await Sql.Execute(database, SqliteSchema.Script("PostgreSQL-Main.sql"));
        await Sql.Execute(database, SqliteSchema.Script("PostgreSQL-Persistence.sql"));
        await Sql.Execute(database, "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, serviceid, modifiedon, version) VALUES (1, 0, 0, 1, 'kept', 'printfarm', now(), 1)");

        var steps = await new PostgresSchema(database, NullLogger.Instance).ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SchemaOutcome.FoundInPlace, steps.Single(s => s.Script == "PostgreSQL-Main.sql").Outcome);
        Assert.Equal(SchemaOutcome.FoundInPlace, steps.Single(s => s.Script == "PostgreSQL-Persistence.sql").Outcome);
        Assert.Equal(SchemaOutcome.Applied, steps.Single(s => s.Script == "PostgreSQL-Clustering.sql").Outcome);
        Assert.Equal(SchemaOutcome.Applied, steps.Single(s => s.Script == "Quartz-PostgreSQL.sql").Outcome);
        Assert.Equal(1L, await Sql.Scalar<long>(database, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'kept'"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_the_schema_once()
    {
        var database = await postgres.NewDatabase();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new PostgresSchema(database, NullLogger.Instance).ApplyAsync(TestContext.Current.CancellationToken))));

        foreach (var script in PostgresSchema.Scripts)
            Assert.Equal(1, runs.Count(steps => steps.Single(s => s.Script == script.Name).Outcome == SchemaOutcome.Applied));
        Assert.All(runs.SelectMany(r => r), s => Assert.NotEqual(SchemaOutcome.FoundInPlace, s.Outcome));
    }

    [Fact]
    public async Task Db_init_without_a_database_says_what_is_missing_and_fails()
    {
        var result = await RunProcess(["db", "init"], new Dictionary<string, string> { ["PRINTFARM_Storage__ConnectionString"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--connection", result.Output);
    }

    [Fact]
    public async Task Db_init_reads_the_database_from_the_environment()
    {
        var database = await postgres.NewDatabase();

        var result = await RunProcess(["db", "init"], new Dictionary<string, string> { ["PRINTFARM_Storage__ConnectionString"] = database });

        Assert.Equal(0, result.ExitCode);
        Assert.True(await Sql.Scalar<bool>(database, "SELECT to_regclass('qrtz_locks') IS NOT NULL"));
    }

    private static Task<(int ExitCode, string Output)> RunDbInit(string database) => RunProcess(["db", "init", "--connection", database]);

    private static async Task<(int ExitCode, string Output)> RunProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = FarmBinaries.RepositoryRoot,
        };
        start.ArgumentList.Add(FarmBinaries.Dll("Silo"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
