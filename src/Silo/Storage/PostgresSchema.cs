using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// Creates the farm's tables in a PostgreSQL database from the vendored scripts (Storage/Sql):
/// Orleans Main, Clustering, the Clustering 3.7.0 migration, Persistence, Reminders, the
/// Quartz.NET job store (from the Quartz package: <see cref="QuartzSchema"/>), then PrintFarm's key ring and design file tables. Idempotent: what was applied is recorded in <c>printfarm_schema</c>, so
/// a second run changes nothing, and a script whose tables are already there (created by someone
/// else, e.g. a DBA from the same scripts) is recorded as found rather than run again.
/// Everything happens in one transaction under an advisory lock, so silos starting together with
/// <c>Storage:CreateSchema</c> wait for each other and the database never holds half a schema.
/// </summary>
/// <param name="clock">Times the waits for a database that is not up yet; real time when not given.</param>
public sealed partial class PostgresSchema(string connectionString, ILogger logger, TimeProvider? clock = null)
{
    /// <summary>The waits while the database is not up yet: the silo's backoff, from one second to five.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Key of the transaction-scoped advisory lock that serializes schema work.</summary>
    private const long LockKey = 0x5052_494E_5446_4152; // "PRINTFAR"

    private const string HistoryTable = "printfarm_schema";

    /// <summary>The scripts in the order they must run, each with the table (or query row) that shows it is in place.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } =
    [
        new("PostgreSQL-Main.sql", "SELECT to_regclass('orleansquery') IS NOT NULL"),
        new("PostgreSQL-Clustering.sql", "SELECT to_regclass('orleansmembershiptable') IS NOT NULL"),
        // Brings clustering tables made from older scripts up to 10.4 (a silo refuses to start
        // without "CleanupDefunctSiloEntriesKey"); current Clustering.sql has the row already.
        // Idempotent (ON CONFLICT DO NOTHING), so it always runs.
        new("PostgreSQL-Clustering-3.7.0.sql", PresentWhen: null),
        new("PostgreSQL-Persistence.sql", "SELECT to_regclass('orleansstorage') IS NOT NULL"),
        new("PostgreSQL-Reminders.sql", "SELECT to_regclass('orleansreminderstable') IS NOT NULL"),
        // Quartz 4's tables, from the Quartz package itself; job_status is among those a Quartz 3 schema lacks.
        new(SchemaScript.Quartz, $"SELECT to_regclass('{QuartzSchema.TablePrefix}job_status') IS NOT NULL"),
        // PrintFarm's own: the Data Protection key ring the silos share (Secrets/FarmKeyRing).
        new("PrintFarm-KeyRing-PostgreSQL.sql", "SELECT to_regclass('printfarm_dataprotection_keys') IS NOT NULL"),
        // PrintFarm's own: the design files of a cluster (Designs/PostgresDesignFileStore).
        new("PrintFarm-DesignFiles-PostgreSQL.sql", "SELECT to_regclass('printfarm_design_file_chunks') IS NOT NULL"),
    ];

    public async Task<IReadOnlyList<SchemaStep>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable} (
                script text PRIMARY KEY,
                sha256 text NOT NULL,
                outcome text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var recorded = await Recorded(connection, cancellationToken);
        var steps = new List<SchemaStep>();
        foreach (var script in Scripts)
        {
            var sql = script.Text();
            var hash = Sha256(sql);
            if (recorded.TryGetValue(script.Name, out var applied))
            {
                if (applied != hash) LogDiffers(script.Name);
                steps.Add(new SchemaStep(script.Name, SchemaOutcome.AlreadyApplied));
                continue;
            }
            SchemaOutcome outcome;
            if (script.PresentWhen is not null && await Scalar<bool>(connection, script.PresentWhen, cancellationToken))
            {
                outcome = SchemaOutcome.FoundInPlace;
            }
            else
            {
                await Execute(connection, script.Runnable(sql), cancellationToken);
                outcome = SchemaOutcome.Applied;
            }
            await Record(connection, script.Name, hash, outcome, cancellationToken);
            steps.Add(new SchemaStep(script.Name, outcome));
            LogStep(script.Name, outcome);
        }
        await transaction.CommitAsync(cancellationToken);
        return steps;
    }

    /// <summary>
    /// Applies the schema, waiting for the database to accept connections first (a silo may start
    /// together with its PostgreSQL). Gives up after <paramref name="patience"/>.
    /// </summary>
    public async Task<IReadOnlyList<SchemaStep>> ApplyWhenReachableAsync(TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var deadline = _clock.GetUtcNow() + patience;
        var retry = new Backoff(FirstRetry, LastRetry, _clock).Pipeline(
            onRetry: args =>
            {
                LogNotReachable(args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "", args.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            },
            retryOn: e => e is NpgsqlException { IsTransient: true } && _clock.GetUtcNow() < deadline);
        return await retry.ExecuteAsync(async ct => await ApplyAsync(ct), cancellationToken);
    }

    private static async Task<Dictionary<string, string>> Recorded(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT script, sha256 FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) recorded[reader.GetString(0)] = reader.GetString(1);
        return recorded;
    }

    private static async Task Record(NpgsqlConnection connection, string script, string hash, SchemaOutcome outcome, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {HistoryTable} (script, sha256, outcome) VALUES ($1, $2, $3)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = script });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = outcome.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Script} differs from the copy applied earlier; it is not applied again")]
    private partial void LogDiffers(string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Script}: {Outcome}")]
    private partial void LogStep(string script, SchemaOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL not reachable yet (attempt {Attempt}): {Error}; retrying in {Seconds:F1}s")]
    private partial void LogNotReachable(int attempt, string error, double seconds);
}
