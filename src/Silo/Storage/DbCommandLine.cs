using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// <c>PrintFarm.Silo db init [--connection "Host=...;..."]</c>: creates the PostgreSQL schema
/// (Orleans and Quartz tables), idempotently. Without --connection it uses Storage:ConnectionString
/// from appsettings.json or PRINTFARM_Storage__ConnectionString.
/// </summary>
public static class DbCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = new Option<string?>("--connection", "-c")
        {
            Description = "Npgsql connection string; default: Storage:ConnectionString (PRINTFARM_Storage__ConnectionString).",
        };
        var init = new Command("init", "Create the Orleans (clustering, grain storage, reminders) and Quartz tables. Running it again changes nothing.")
        {
            connection,
        };
        init.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = parse.GetValue(connection) ?? Configured();
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                Console.Error.WriteLine("db init: no database given. Use --connection \"Host=...;Username=...;Database=...\" or set PRINTFARM_Storage__ConnectionString.");
                return 2;
            }
            using var logs = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            try
            {
                var steps = await new PostgresSchema(connectionString, logs.CreateLogger("PrintFarm.Schema")).ApplyAsync(cancellationToken);
                foreach (var step in steps) Console.WriteLine($"{step.Script,-36} {Describe(step.Outcome)}");
                Console.WriteLine(steps.Any(s => s.Outcome != SchemaOutcome.AlreadyApplied) ? "Schema ready." : "Schema already up to date; nothing changed.");
                return 0;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine($"db init failed: {e.Message}");
                return 1;
            }
        });
        var db = new Command("db", "The PostgreSQL database of a cluster.") { init };
        var root = new RootCommand("PrintFarm silo. Without a command it runs the silo (configuration: appsettings.json, PRINTFARM_* variables, --Section:Key=value).") { db };
        return await root.Parse(args).InvokeAsync();
    }

    private static string? Configured() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("PRINTFARM_")
            .Build()[$"{StorageOptions.Section}:ConnectionString"];

    private static string Describe(SchemaOutcome outcome) => outcome switch
    {
        SchemaOutcome.Applied => "applied",
        SchemaOutcome.AlreadyApplied => "already applied",
        SchemaOutcome.FoundInPlace => "tables already there (created outside PrintFarm); recorded",
        _ => outcome.ToString(),
    };
}
